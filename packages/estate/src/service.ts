/**
 * The estate's rules for contracts: import a council's contract register (preview, all or
 * nothing, or keep the valid rows; the same file never twice; one transaction; audited), list
 * an organisation's current contracts, export them as OCDS. The HTTP routes and the CLI call
 * these; only store.ts writes SQL.
 */
import { recordAudit, type Database } from '@joinery/core';
import { resolveMapping } from './contracts/columns.ts';
import { ocdsReleasePackage } from './contracts/ocds.ts';
import { missingLgrFields, readRegister } from './contracts/read-register.ts';
import {
  alreadyImported,
  chooseMapping,
  refuseInvalid,
  rememberMapping,
  requireOrganisation,
  sha256Of,
  type Actor,
} from './inventory/importing.ts';
import { readSpreadsheet } from './inventory/read-file.ts';
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
  /** For an XLSX workbook: the worksheet to read (the first otherwise). */
  sheet?: string;
}

const LACKING_LISTED = 200;
/** The LGR terms every contract should state (not the notice served or break dates: a contract may have none). */
const LGR_TERMS = LGR_FIELDS.filter((f) => f !== 'breakDates' && f !== 'noticeServedDate');

/**
 * Imports (or previews) a Transparency Code contract register. Rows in = imported + refused.
 * @example const report = await importContracts(database, user, { organisationCode: 'casterbridge', fileName: 'contracts.csv', bytes });
 */
export async function importContracts(database: Database, actor: Actor, input: ContractImportInput): Promise<ImportReport> {
  const mode = input.mode ?? 'import';
  const keepValid = input.keepValid ?? false;
  const organisation = await requireOrganisation(database, input.organisationCode);
  const sha256 = sha256Of(input.bytes);
  const db = estateDb(database.db);
  const before = await findImportByHash(db, organisation.code, sha256);
  if (before) throw alreadyImported(input.fileName, organisation.code, before);
  const table = await readSpreadsheet(input.bytes, input.fileName, { sheet: input.sheet });
  const chosen = await chooseMapping(db, organisation.code, 'contracts', table.columns, input.mapping);
  const mapping = resolveMapping(table.columns, chosen.mapping, input.fileName);
  const read = readRegister(table, mapping, { organisationCode: organisation.code });
  const mapped = new Set(Object.values(mapping));

  const lgrGaps = Object.fromEntries(LGR_TERMS.map((f) => [f, 0]));
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
    mappingSource: chosen.source,
    mappingRemembered: chosen.source === 'remembered',
    ignoredColumns: table.columns.filter((c) => !mapped.has(c)),
    derivedReferences: read.derivedReferences,
    lgrGaps,
    contractsLackingLgrFields: contractsLacking,
    lackingLgrFields: lacking,
  };
  if (mode === 'preview') return report;

  if (read.refusedRows.length > 0 && !keepValid)
    await refuseInvalid(database, actor, {
      organisationCode: organisation.code,
      action: 'estate.contracts-import',
      subjectType: 'contract-register',
      fileName: input.fileName,
      sha256,
      rows: read.rows,
      refusedRows: read.refusedRows.length,
      problems: read.problems,
    });

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
    if (chosen.source === 'explicit')
      await rememberMapping(tdb, {
        organisationCode: organisation.code,
        kind: 'contracts',
        headerKey: chosen.headerKey,
        headers: table.columns,
        mapping,
        actor,
      });
    await recordAudit(trx, {
      actor,
      organisationCode: organisation.code,
      action: 'estate.contracts-import',
      subjectType: 'contract-import',
      subjectId: String(id),
      details: {
        fileName: input.fileName,
        sha256,
        rows: read.rows,
        imported: read.contracts.length,
        refused: read.refusedRows.length,
        derivedReferences: read.derivedReferences,
        mappingSource: chosen.source,
      },
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

/** What the contracts page and the missing-terms API show: per LGR term, how many current contracts lack it, and which. */
export interface MissingTerms {
  organisationCode: string;
  contracts: number;
  contractsLacking: number;
  counts: Record<string, number>;
  lacking: { reference: string; title: string; supplierName: string; endDate: string | null; missing: string[] }[];
}

/**
 * Which of an organisation's current contracts lack the LGR terms (notice period, termination
 * cost, auto-renewal, novation, change of control), counted per term.
 * @example const { counts } = await listContractsMissingTerms(database, 'casterbridge'); counts.noticePeriod
 */
export async function listContractsMissingTerms(database: Database, organisationCode: string): Promise<MissingTerms> {
  const { contracts, organisationCode: code } = await listContracts(database, organisationCode);
  const counts: Record<string, number> = Object.fromEntries(LGR_TERMS.map((f) => [f, 0]));
  const lacking: MissingTerms['lacking'] = [];
  for (const c of contracts) {
    const missing = missingLgrFields(c);
    for (const f of missing) counts[f] = (counts[f] ?? 0) + 1;
    if (missing.length > 0)
      lacking.push({ reference: c.reference, title: c.title, supplierName: c.supplierName, endDate: c.endDate, missing });
  }
  return { organisationCode: code, contracts: contracts.length, contractsLacking: lacking.length, counts, lacking };
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
