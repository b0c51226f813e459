/**
 * Importing an application or integration inventory, as contract registers are imported:
 * CSV or XLSX; columns by their headers, a mapping given, or one remembered; every row checked
 * (row, column, why); preview writes nothing; all or nothing unless keepValid (rows = imported
 * + refused); the same file twice changes nothing (409); one transaction; audited.
 */
import { recordAudit, type Database } from '@joinery/core';
import type { ImportMode, ImportProblem } from '../model.ts';
import { estateDb, type EstateDb } from '../store.ts';
import { resolveColumns, type FieldSet } from './columns.ts';
import { alreadyImported, chooseMapping, refuseInvalid, rememberMapping, requireOrganisation, sha256Of, type Actor } from './importing.ts';
import type { InventoryImportReport, InventoryKind } from './model.ts';
import { readSpreadsheet } from './read-file.ts';
import { readRows, type ReadRow, type RowSpec } from './read-rows.ts';
import { findInventoryImportByHash, insertInventoryImport } from './store.ts';

export interface InventoryImportInput {
  organisationCode: string;
  fileName: string;
  bytes: Uint8Array;
  /** Field → column; overrides what the headers suggest (and is remembered for files with these headers). */
  mapping?: Record<string, string>;
  /** preview: check and report, write nothing. */
  mode?: ImportMode;
  /** Store the valid rows and report the refused ones, instead of refusing the file whole. */
  keepValid?: boolean;
  /** For an XLSX workbook: the worksheet to read (the first otherwise). */
  sheet?: string;
}

export interface InventoryKindSpec<F extends string, V extends { reference: string }> {
  kind: InventoryKind;
  fields: FieldSet<F>;
  /** The row reader; may depend on what the organisation already has (integrations: its applications). */
  rows: (database: Database, db: EstateDb, organisationCode: string) => Promise<{ spec: RowSpec<F, V>; applicationsKnown?: number }>;
  insert: (db: EstateDb, importId: number, organisationCode: string, rows: readonly ReadRow<V>[]) => Promise<void>;
}

/** Rows that repeat a reference an earlier row of the file has: refused (a reference names one thing). */
function refuseRepeatedReferences<V extends { reference: string }>(
  read: { read: ReadRow<V>[]; problems: ImportProblem[]; refusedRows: number[] },
  column: string | undefined,
  label: string,
): void {
  const first = new Map<string, number>();
  const kept: ReadRow<V>[] = [];
  for (const r of read.read) {
    const earlier = first.get(r.values.reference);
    if (earlier === undefined) {
      first.set(r.values.reference, r.row);
      kept.push(r);
    } else {
      read.problems.push({
        row: r.row,
        column,
        field: 'reference',
        message: `${label} "${r.values.reference}" is already used by row ${earlier}`,
      });
      read.refusedRows.push(r.row);
    }
  }
  read.read = kept;
  read.problems.sort((a, b) => a.row - b.row);
  read.refusedRows.sort((a, b) => a - b);
}

export async function importInventory<F extends string, V extends { reference: string }>(
  database: Database,
  actor: Actor,
  kind: InventoryKindSpec<F, V>,
  input: InventoryImportInput,
): Promise<InventoryImportReport> {
  const mode = input.mode ?? 'import';
  const keepValid = input.keepValid ?? false;
  const organisation = await requireOrganisation(database, input.organisationCode);
  const sha256 = sha256Of(input.bytes);
  const db = estateDb(database.db);
  const before = await findInventoryImportByHash(db, organisation.code, kind.kind, sha256);
  if (before) throw alreadyImported(input.fileName, organisation.code, before);
  const table = await readSpreadsheet(input.bytes, input.fileName, { sheet: input.sheet });
  const chosen = await chooseMapping(db, organisation.code, kind.kind, table.columns, input.mapping);
  const mapping = resolveColumns(table.columns, chosen.mapping, input.fileName, kind.fields);
  const { spec, applicationsKnown } = await kind.rows(database, db, organisation.code);
  const read = readRows(table, mapping, spec);
  refuseRepeatedReferences(read, mapping['reference' as F], kind.fields.labels['reference' as F]);
  const mapped = new Set<string>(Object.values(mapping));
  const whole = read.refusedRows.length > 0 && !keepValid;
  const report: InventoryImportReport = {
    importId: null,
    organisationCode: organisation.code,
    kind: kind.kind,
    fileName: input.fileName,
    sha256,
    mode,
    keepValid,
    rows: read.rows,
    imported: whole ? 0 : read.read.length,
    refused: whole ? read.rows : read.refusedRows.length,
    problems: read.problems,
    mapping: mapping as Record<string, string>,
    mappingSource: chosen.source,
    mappingRemembered: chosen.source === 'remembered',
    ignoredColumns: table.columns.filter((c) => !mapped.has(c)),
    ...(applicationsKnown === undefined ? {} : { applicationsKnown }),
  };
  if (mode === 'preview') return report;
  const action = `estate.${kind.kind}-import`;
  if (whole)
    await refuseInvalid(database, actor, {
      organisationCode: organisation.code,
      action,
      subjectType: `${kind.kind}-inventory`,
      fileName: input.fileName,
      sha256,
      rows: read.rows,
      refusedRows: read.refusedRows.length,
      problems: read.problems,
    });

  // One transaction: the import, its rows, the remembered mapping and the audit event stand or fall together.
  const importId = await database.db.transaction().execute(async (trx) => {
    const tdb = estateDb(trx);
    const id = await insertInventoryImport(tdb, {
      organisationCode: organisation.code,
      kind: kind.kind,
      fileName: input.fileName,
      sha256,
      rows: read.rows,
      imported: read.read.length,
      refused: read.refusedRows.length,
      mapping: mapping as Record<string, string>,
      problems: read.problems,
      importedBy: actor?.username ?? null,
    });
    await kind.insert(tdb, id, organisation.code, read.read);
    if (chosen.source === 'explicit')
      await rememberMapping(tdb, {
        organisationCode: organisation.code,
        kind: kind.kind,
        headerKey: chosen.headerKey,
        headers: table.columns,
        mapping: mapping as Record<string, string>,
        actor,
      });
    await recordAudit(trx, {
      actor,
      organisationCode: organisation.code,
      action,
      subjectType: `${kind.kind}-import`,
      subjectId: String(id),
      details: {
        fileName: input.fileName,
        sha256,
        rows: read.rows,
        imported: read.read.length,
        refused: read.refusedRows.length,
        mappingSource: chosen.source,
      },
    });
    return id;
  });
  return { ...report, importId };
}
