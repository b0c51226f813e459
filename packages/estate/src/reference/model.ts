/** The reference lists' shapes, as the API gives them (TypeBox: the schema and the type). */
import { Type, type Static } from 'typebox';

export const REFERENCE_LISTS = ['lgsl', 'functions', 'function-services', 'councils', 'lgsl-tiers'] as const;
export type ReferenceList = (typeof REFERENCE_LISTS)[number];

export const REFERENCE_LIST_LABELS: Record<ReferenceList, string> = {
  lgsl: 'Local Government Service List (LGSL)',
  functions: 'LGA Function list',
  'function-services': 'Function → service mapping',
  councils: 'Register of councils',
  'lgsl-tiers': 'LGSL providing tier (GOV.UK)',
};

export const ReferenceListName = Type.Enum(REFERENCE_LISTS, {
  description: 'Which list: lgsl, functions, function-services, councils or lgsl-tiers',
});

export const ReferenceProblem = Type.Object({
  row: Type.Integer({ description: 'Row of the file (the header is row 1)' }),
  column: Type.String(),
  message: Type.String(),
});
export type ReferenceProblem = Static<typeof ReferenceProblem>;

export const ReferenceImport = Type.Object({
  id: Type.Integer(),
  list: ReferenceListName,
  format: Type.String({ description: 'esd-csv, mysociety or govuk' }),
  fileName: Type.String(),
  sha256: Type.String(),
  rows: Type.Integer(),
  imported: Type.Integer(),
  refused: Type.Integer(),
  isCurrent: Type.Boolean(),
  importedBy: Type.Union([Type.String(), Type.Null()]),
  importedAt: Type.String({ format: 'date-time' }),
});
export type ReferenceImport = Static<typeof ReferenceImport>;

export const ReferenceImportReport = Type.Object({
  list: ReferenceListName,
  format: Type.String(),
  fileName: Type.String(),
  importId: Type.Integer(),
  /** True when this file is already the current version: nothing was changed. */
  unchanged: Type.Boolean(),
  rows: Type.Integer(),
  imported: Type.Integer(),
  refused: Type.Integer(),
  problems: Type.Array(ReferenceProblem),
});
export type ReferenceImportReport = Static<typeof ReferenceImportReport>;

export const RegisterEntry = Type.Object({
  register: Type.String({ description: 'Whose register: mysociety or govuk' }),
  code: Type.String({ description: 'The register’s key: local-authority code (mySociety) or GOV.UK slug' }),
  name: Type.String(),
  shortName: Type.Union([Type.String(), Type.Null()]),
  gssCode: Type.Union([Type.String(), Type.Null()]),
  localAuthorityCode: Type.Union([Type.String(), Type.Null()]),
  tier: Type.Union([Type.String(), Type.Null()]),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  startDate: Type.Union([Type.String(), Type.Null()]),
  endDate: Type.Union([Type.String(), Type.Null()]),
  replacedBy: Type.Array(Type.String()),
  /** The Joinery organisation that carries this council's identifiers, if there is one. */
  organisationCode: Type.Union([Type.String(), Type.Null()]),
});
export type RegisterEntry = Static<typeof RegisterEntry>;

export const PredecessorProposal = Type.Object({
  entry: RegisterEntry,
  proposals: Type.Array(
    Type.Object({
      entry: RegisterEntry,
      why: Type.String({ description: 'Why it is proposed, e.g. the register says Buckinghamshire Council replaced it' }),
    }),
  ),
});
export type PredecessorProposal = Static<typeof PredecessorProposal>;

export const ReorganisationStart = Type.Object({
  code: Type.String({ description: 'Joinery’s code for the reorganisation, e.g. buckinghamshire-lgr' }),
  name: Type.String({ description: 'The programme’s name' }),
  vestingDay: Type.String({ description: 'YYYY-MM-DD' }),
  successor: Type.Object({
    registerCode: Type.Optional(Type.String({ description: 'The successor’s entry in the register, e.g. BUC' })),
    code: Type.Optional(Type.String({ description: 'For a new council: its organisation code' })),
    name: Type.Optional(Type.String({ description: 'For a new council: its name' })),
    gssCode: Type.Optional(Type.String({ description: 'For a new council: its GSS code, if known' })),
  }),
  predecessors: Type.Array(Type.String(), { description: 'Register codes of the councils it replaces, e.g. ["BKM", "AYL"]' }),
});
export type ReorganisationStart = Static<typeof ReorganisationStart>;

export const ReorganisationRecord = Type.Object({
  code: Type.String(),
  name: Type.String(),
  successorCode: Type.String(),
  vestingDay: Type.String(),
  predecessorCodes: Type.Array(Type.String()),
});
