/**
 * Importing a predecessor council's gazetteer and re-merging the register. A file is read
 * whole and checked first: any malformed record refuses the whole file with every problem
 * listed (file, line, field, why), and nothing changes. A file already imported is refused.
 * Otherwise, in one transaction: the gazetteer is kept as imported, the newest gazetteer of
 * each authority is merged into the register, and the conflicts are replaced.
 */
import { createHash } from 'node:crypto';
import { decodeText, recordAudit, type Database, type SignedInUser } from '@joinery/core';
import type { RegisterAddress } from '../address.ts';
import { registersError } from '../errors.ts';
import { mergePredecessorGazetteers, parseAddressBase, parseDtf73, parseOpenUprn } from '../gazetteer/index.ts';
import {
  findGazetteerByHash,
  insertGazetteer,
  newestGazetteerAddresses,
  replaceRegister,
  type AddressConflict,
  type GazetteerRow,
} from '../store/addresses.ts';
import { registersDb } from './address-search.ts';
import { forgetAddressIndex } from './address-matching.ts';

export const GAZETTEER_FORMATS = ['dtf73', 'addressbase', 'open-uprn'] as const;
export type GazetteerFormat = (typeof GAZETTEER_FORMATS)[number];

export const GAZETTEER_FORMAT_LABELS: Record<GazetteerFormat, string> = {
  dtf73: 'Local Land and Property Gazetteer, GeoPlace DTF 7.3 (CSV)',
  addressbase: 'AddressBase-style CSV (with a header row)',
  'open-uprn': 'OS Open UPRN coordinates (CSV)',
};

export interface GazetteerImportInput {
  organisationCode: string;
  format: GazetteerFormat;
  fileName: string;
  content: Uint8Array;
  /** Who did it; null from the command line (recorded as such in the audit trail). */
  actor: Pick<SignedInUser, 'id' | 'username'> | null;
}

export interface GazetteerImportResult {
  gazetteer: GazetteerRow;
  /** Addresses read from the file. */
  addresses: number;
  streets: number;
  register: { addresses: number; conflicts: number };
}

function parse(format: GazetteerFormat, text: string, fileName: string, authority: string) {
  if (format === 'dtf73') return parseDtf73(text, { fileName, authority });
  if (format === 'addressbase') return parseAddressBase(text, { fileName, authority });
  return parseOpenUprn(text, { fileName, authority });
}

/** Coordinates from the newest OS Open UPRN file fill in addresses that have none. */
function withCoordinates(addresses: RegisterAddress[], coordinates: RegisterAddress[]): RegisterAddress[] {
  if (coordinates.length === 0) return addresses;
  const byUprn = new Map(coordinates.map((c) => [c.uprn, c]));
  return addresses.map((a) => {
    const c = byUprn.get(a.uprn);
    if (!c || a.latitude !== undefined) return a;
    return { ...a, latitude: c.latitude, longitude: c.longitude, easting: c.easting, northing: c.northing };
  });
}

/** Merges every authority's newest gazetteer into the register (inside the caller's transaction). */
export async function rebuildAddressRegister(db: ReturnType<typeof registersDb>): Promise<{ addresses: number; conflicts: number }> {
  const gazetteers = await newestGazetteerAddresses(db, ['dtf73', 'addressbase']);
  const coordinates = (await newestGazetteerAddresses(db, ['open-uprn'])).flatMap((g) => g.addresses);
  const merged = mergePredecessorGazetteers(gazetteers.map((g) => ({ authority: g.authority, addresses: g.addresses })));
  const addresses = withCoordinates(merged.addresses, coordinates);
  const conflicts: AddressConflict[] = merged.conflicts.map((c) => ({
    kind: c.kind,
    uprns: c.uprns,
    summary: c.summary,
    detail: { versions: c.versions, differs: c.differs },
  }));
  await replaceRegister(db, addresses, conflicts);
  return { addresses: addresses.length, conflicts: conflicts.length };
}

/**
 * @example await importGazetteer(database, { organisationCode: 'casterbridge', format: 'dtf73', fileName: 'llpg.csv', content, actor });
 */
export async function importGazetteer(database: Database, input: GazetteerImportInput): Promise<GazetteerImportResult> {
  if (!GAZETTEER_FORMATS.includes(input.format))
    throw registersError('REGISTERS_GAZETTEER_INVALID', `The format must be one of ${GAZETTEER_FORMATS.join(', ')}`);
  const organisation = await database.db
    .selectFrom('organisations')
    .select('code')
    .where('code', '=', input.organisationCode)
    .executeTakeFirst();
  if (!organisation)
    throw registersError('REGISTERS_ORGANISATION_UNKNOWN', `No organisation has the code "${input.organisationCode.slice(0, 64)}"`);
  const db = registersDb(database);
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  const earlier = await findGazetteerByHash(db, input.organisationCode, sha256);
  if (earlier)
    throw registersError(
      'REGISTERS_GAZETTEER_ALREADY_IMPORTED',
      `${input.fileName} has already been imported for ${input.organisationCode} (import ${earlier.id}, ${earlier.importedAt}): nothing was changed`,
    );
  const { text } = decodeText(input.content);
  const parsed = parse(input.format, text, input.fileName, input.organisationCode);
  if (parsed.problems.length > 0)
    throw registersError(
      'REGISTERS_GAZETTEER_INVALID',
      `${input.fileName} has ${parsed.problems.length} problem(s): nothing was imported`,
      parsed.problems.slice(0, 100).map((p) => ({
        file: input.fileName,
        row: p.line,
        column: p.field,
        message: p.recordType ? `record ${p.recordType}: ${p.message}` : p.message,
      })),
    );
  if (parsed.addresses.length === 0)
    throw registersError('REGISTERS_GAZETTEER_INVALID', `${input.fileName} holds no addresses: nothing was imported`);

  const result = await db.transaction().execute(async (trx) => {
    const id = await insertGazetteer(
      trx,
      {
        organisationCode: input.organisationCode,
        format: input.format,
        fileName: input.fileName.slice(0, 200),
        sha256,
        addressCount: parsed.addresses.length,
        streetCount: parsed.streets,
        importedBy: input.actor?.username ?? 'command line',
      },
      parsed.addresses,
    );
    const register = await rebuildAddressRegister(trx);
    await recordAudit(trx as never, {
      actor: input.actor,
      organisationCode: input.organisationCode,
      action: 'addresses.gazetteer-import',
      subjectType: 'gazetteer',
      subjectId: String(id),
      details: { file: input.fileName, format: input.format, addressesRead: parsed.addresses.length, ...register },
    });
    return { id, register };
  });
  forgetAddressIndex(database);
  const gazetteer = (await findGazetteerByHash(db, input.organisationCode, sha256))!;
  return { gazetteer, addresses: parsed.addresses.length, streets: parsed.streets, register: result.register };
}
