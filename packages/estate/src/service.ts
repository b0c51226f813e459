/**
 * The estate's rules for contracts: import a council's contract register (preview, all or
 * nothing, or keep the valid rows; the same file never twice; one transaction; audited), list
 * an organisation's current contracts, export them as OCDS. The HTTP routes and the CLI call
 * these; only store.ts writes SQL.
 */
import { createHash } from 'node:crypto';
import { getOrganisation, JoineryError, readCsv, recordAudit, type CsvTable, type Database, type SignedInUser } from '@joinery/core';
import { resolveMapping } from './contracts/columns.ts';
import { ocdsReleasePackage } from './contracts/ocds.ts';
import { missingLgrFields, readRegister } from './contracts/read-register.ts';
import { estateError } from './errors.ts';
import { LGR_FIELDS, type Contract, type ContractImport, type ImportMode, type ImportReport } from './model.ts';
import { estateDb, findImportByHash, insertContracts, insertImport, latestImport, selectCurrentContracts, selectImports } from './store.ts';

export interface ContractImportInput {
  organisationCode: string;
  fileName: string;
  bytes: Uint8Array;
  /** Standard field → column; overrides what the headers suggest. */
  mapping?: Record<string, string>;
  /** preview: check and report, write nothing. */
  mode?: ImportMode;
  /** Store the valid rows and report the refused ones, instead of refusing the file whole. */
  keepValid?: boolean;
}

type Actor = Pick<SignedInUser, 'id' | 'username'> | null;

const LACKING_LISTED = 200;

async function requireOrganisation(database: Database, code: string): Promise<{ code: string; name: string }> {
  try {
    return await getOrganisation(database, code);
  } catch (error) {
    if (error instanceof JoineryError && error.code === 'CORE_NOT_FOUND')
      throw estateError('ESTATE_ORGANISATION_UNKNOWN', `There is no organisation with the code "${code.slice(0, 64)}"`);
    throw error;
  }
}

function readTable(bytes: Uint8Array, fileName: string): CsvTable {
  try {
    return readCsv(bytes, fileName);
  } catch (error) {
    if (error instanceof JoineryError) throw estateError('ESTATE_IMPORT_UNREADABLE', error.message, error.details);
    throw error;
  }
}

/**
 * Imports (or previews) a Transparency Code contract register. Rows in = imported + refused.
 * @example const report = await importContracts(database, user, { organisationCode: 'casterbridge', fileName: 'contracts.csv', bytes });
 */
export async function importContracts(database: Database, actor: Actor, input: ContractImportInput): Promise<ImportReport> {
  const mode = input.mode ?? 'import';
  const keepValid = input.keepValid ?? false;
  const organisation = await requireOrganisation(database, input.organisationCode);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const db = estateDb(database.db);
  const before = await findImportByHash(db, organisation.code, sha256);
  if (before)
    throw estateError(
      'ESTATE_IMPORT_ALREADY_DONE',
      `${input.fileName} was already imported for ${organisation.code} (as ${before.file_name}, import ${before.id}, ${new Date(before.imported_at).toISOString()}): nothing was changed`,
    );
  const table = readTable(input.bytes, input.fileName);
  const mapping = resolveMapping(table.columns, input.mapping, input.fileName);
  const read = readRegister(table, mapping);
  const mapped = new Set(Object.values(mapping));

  const lgrGaps = Object.fromEntries(LGR_FIELDS.filter((f) => f !== 'breakDates' && f !== 'noticeServedDate').map((f) => [f, 0]));
  const lacking: ImportReport['lackingLgrFields'] = [];
  let contractsLacking = 0;
  for (const c of read.contracts) {
    const missing = missingLgrFields(c.values);
    for (const f of missing) lgrGaps[f] = (lgrGaps[f] ?? 0) + 1;
    if (missing.length === 0) continue;
    contractsLacking++;
    if (lacking.length < LACKING_LISTED) lacking.push({ row: c.row, reference: c.values.reference, missing });
  }
  const report: ImportReport = {
    importId: null,
    organisationCode: organisation.code,
    fileName: input.fileName,
    sha256,
    mode,
    keepValid,
    rows: read.rows,
    imported: read.refusedRows.length > 0 && !keepValid ? 0 : read.contracts.length,
    refused: read.refusedRows.length > 0 && !keepValid ? read.rows : read.refusedRows.length,
    problems: read.problems,
    mapping,
    ignoredColumns: table.columns.filter((c) => !mapped.has(c)),
    lgrGaps,
    contractsLackingLgrFields: contractsLacking,
    lackingLgrFields: lacking,
  };
  if (mode === 'preview') return report;

  if (read.refusedRows.length > 0 && !keepValid) {
    await recordAudit(database.db, {
      actor,
      organisationCode: organisation.code,
      action: 'estate.contracts-import',
      subjectType: 'contract-register',
      subjectId: input.fileName,
      outcome: 'refused',
      details: { sha256, rows: read.rows, refusedRows: read.refusedRows.length, problems: read.problems.length },
    });
    const shown = read.problems.slice(0, 3).map((p) => `row ${p.row}${p.column ? ` (${p.column})` : ''}: ${p.message}`);
    throw estateError(
      'ESTATE_IMPORT_INVALID',
      `${input.fileName}: ${read.refusedRows.length} of ${read.rows} rows have problems, so nothing was imported (${shown.join('; ')}${read.problems.length > 3 ? '; …' : ''}). Fix them, or import the valid rows only (keepValid).`,
      read.problems.map((p) => ({ ...p, file: input.fileName })),
    );
  }

  // One transaction: the import, its contracts and its audit event stand or fall together.
  const importId = await database.db.transaction().execute(async (trx) => {
    const tdb = estateDb(trx);
    const { id } = await insertImport(tdb, {
      organisationCode: organisation.code,
      fileName: input.fileName,
      sha256,
      rows: read.rows,
      imported: read.contracts.length,
      refused: read.refusedRows.length,
      mapping,
      problems: read.problems,
      importedBy: actor?.username ?? null,
    });
    await insertContracts(tdb, id, organisation.code, read.contracts);
    await recordAudit(trx, {
      actor,
      organisationCode: organisation.code,
      action: 'estate.contracts-import',
      subjectType: 'contract-import',
      subjectId: String(id),
      details: { fileName: input.fileName, sha256, rows: read.rows, imported: read.contracts.length, refused: read.refusedRows.length },
    });
    return id;
  });
  return { ...report, importId };
}

/** An organisation's current contracts (those of its latest import) and that import. */
export async function listContracts(
  database: Database,
  organisationCode: string,
): Promise<{ organisationCode: string; currentImport: ContractImport | null; contracts: Contract[] }> {
  const organisation = await requireOrganisation(database, organisationCode);
  const db = estateDb(database.db);
  return {
    organisationCode: organisation.code,
    currentImport: (await latestImport(db, organisation.code)) ?? null,
    contracts: await selectCurrentContracts(db, organisation.code),
  };
}

export async function listContractImports(database: Database, organisationCode?: string): Promise<ContractImport[]> {
  return selectImports(estateDb(database.db), organisationCode);
}

/**
 * The organisation's current contracts as an OCDS 1.1.5 release package.
 * @example const pkg = await exportContractsOcds(database, 'casterbridge', { uri: 'https://joinery.example/api/estate/contracts.ocds.json?organisation=casterbridge' });
 */
export async function exportContractsOcds(
  database: Database,
  organisationCode: string,
  options: { uri: string; publishedDate?: Date; ocidPrefix?: string },
): Promise<Record<string, unknown>> {
  const organisation = await requireOrganisation(database, organisationCode);
  const { contracts, currentImport } = await listContracts(database, organisation.code);
  return ocdsReleasePackage({
    organisation,
    contracts,
    uri: options.uri,
    publishedDate: options.publishedDate ?? new Date(),
    releaseDate: currentImport ? new Date(currentImport.importedAt) : new Date(),
    ocidPrefix: options.ocidPrefix,
  });
}
