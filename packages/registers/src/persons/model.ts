/**
 * The person index's shapes: the standard person every source record is mapped to, a
 * source system with its column mapping, a load's accounting, and the API's schemas.
 */
import { Type, type Static } from 'typebox';

/** The fields of the standard person shape, in the order pages show them. */
export const PERSON_FIELDS = [
  'sourceRecordId',
  'title',
  'givenName',
  'middleNames',
  'surname',
  'fullName',
  'dateOfBirth',
  'sex',
  'nhsNumber',
  'addressLines',
  'addressText',
  'postcode',
  'uprn',
  'phone',
  'email',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

export const PERSON_FIELD_LABELS: Record<PersonField, string> = {
  sourceRecordId: 'Record id in the system',
  title: 'Title',
  givenName: 'Given name',
  middleNames: 'Middle names',
  surname: 'Surname',
  fullName: 'Full name (one field)',
  dateOfBirth: 'Date of birth',
  sex: 'Sex or gender',
  nhsNumber: 'NHS number',
  addressLines: 'Address lines (in order)',
  addressText: 'Address (one field)',
  postcode: 'Postcode',
  uprn: 'UPRN',
  phone: 'Phone',
  email: 'Email',
};

/** Fields several source columns may feed (joined in order); the others take one column. */
export const MULTI_COLUMN_FIELDS: ReadonlySet<PersonField> = new Set(['addressLines']);

/** Which of the system's own columns hold each standard field (addressLines: several, in order). */
export const ColumnMapping = Type.Record(Type.String(), Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 10 }), {
  description:
    'Standard field → the system’s columns, e.g. { "sourceRecordId": ["account_ref"], "addressLines": ["address_1", "address_2"] }',
});
export type ColumnMapping = Partial<Record<PersonField, string[]>>;

/** A source record in the standard shape, as stored (normalised where the standard says so). */
export interface StandardPerson {
  sourceRecordId: string;
  title: string | null;
  givenName: string | null;
  middleNames: string | null;
  surname: string | null;
  fullName: string | null;
  /** ISO 8601. */
  dateOfBirth: string | null;
  sex: string | null;
  /** Ten digits. */
  nhsNumber: string | null;
  /** One line. */
  address: string | null;
  postcode: string | null;
  uprn: string | null;
  phone: string | null;
  email: string | null;
}

export const PersonSystem = Type.Object({
  key: Type.String({ description: 'organisation/code, e.g. casterbridge/council-tax' }),
  organisationCode: Type.String(),
  code: Type.String(),
  name: Type.String(),
  mapping: ColumnMapping,
  recordCount: Type.Integer({ description: 'Active records held' }),
  lastLoadAt: Type.Union([Type.String(), Type.Null()]),
});
export type PersonSystem = Static<typeof PersonSystem>;

export const LoadProblem = Type.Object({
  row: Type.Integer({ description: 'Row in the file (1 is the header)' }),
  column: Type.Optional(Type.String()),
  sourceRecordId: Type.Optional(Type.String()),
  message: Type.String(),
});
export type LoadProblem = Static<typeof LoadProblem>;

export const LoadReport = Type.Object({
  loadId: Type.Integer(),
  systemKey: Type.String(),
  fileName: Type.String(),
  sha256: Type.String(),
  rows: Type.Integer(),
  added: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  retired: Type.Integer(),
  refused: Type.Integer(),
  problems: Type.Array(LoadProblem),
  loadedAt: Type.String(),
  loadedBy: Type.Union([Type.String(), Type.Null()]),
});
export type LoadReport = Static<typeof LoadReport>;

export const BuildReport = Type.Object({
  buildId: Type.Integer(),
  modelVersion: Type.Integer(),
  trained: Type.Boolean({ description: 'A new model was trained for this build' }),
  mode: Type.Union([Type.Literal('full'), Type.Literal('incremental')], {
    description: 'full: every record re-linked; incremental: only records changed since the last build and the persons they touch',
  }),
  records: Type.Integer({ description: 'Active source records' }),
  changedRecords: Type.Integer({
    description: 'Records loaded, changed, registered or decided since the last build (all, in a full build)',
  }),
  relinkedRecords: Type.Integer({
    description: 'Records re-linked: the changed ones, their candidates and the whole of every person they touch',
  }),
  persons: Type.Integer(),
  newPersons: Type.Integer(),
  merges: Type.Integer(),
  splits: Type.Integer(),
  reviewPairs: Type.Integer(),
  seconds: Type.Number(),
});
export type BuildReport = Static<typeof BuildReport>;

/** A record to match, in the standard shape (every field optional but one name or identifier). */
export const PersonQuery = Type.Object({
  title: Type.Optional(Type.String({ maxLength: 50 })),
  givenName: Type.Optional(Type.String({ maxLength: 200 })),
  middleNames: Type.Optional(Type.String({ maxLength: 200 })),
  surname: Type.Optional(Type.String({ maxLength: 200 })),
  fullName: Type.Optional(Type.String({ maxLength: 400 })),
  dateOfBirth: Type.Optional(Type.String({ maxLength: 40, description: 'ISO or as the system writes it (12/03/1956, 19560312…)' })),
  sex: Type.Optional(Type.String({ maxLength: 20 })),
  nhsNumber: Type.Optional(Type.String({ maxLength: 20 })),
  address: Type.Optional(Type.String({ maxLength: 400 })),
  postcode: Type.Optional(Type.String({ maxLength: 20 })),
  uprn: Type.Optional(Type.String({ maxLength: 12 })),
  phone: Type.Optional(Type.String({ maxLength: 40 })),
  email: Type.Optional(Type.String({ maxLength: 200 })),
});
export type PersonQuery = Static<typeof PersonQuery>;

/** Record keys are stable across loads: the system's key and the record's own id. */
export interface RecordKey {
  systemKey: string;
  sourceRecordId: string;
}

/** 'casterbridge/council-tax' + '60000001' → 'casterbridge/council-tax:60000001' (for maps; ids may hold ':' but keys never do). */
export function recordKeyString(systemKey: string, sourceRecordId: string): string {
  return `${systemKey}\u0000${sourceRecordId}`;
}
