/** SQL for integrations: batches in, an organisation's current ones out. */
import { latestInventoryImportId } from '../applications/store.ts';
import type { ReadRow } from '../inventory/read-rows.ts';
import type { EstateDb } from '../store.ts';
import type { Integration, IntegrationValues } from './model.ts';

const BATCH = 500;

export async function insertIntegrations(
  db: EstateDb,
  importId: number,
  organisationCode: string,
  rows: readonly ReadRow<IntegrationValues>[],
) {
  for (let start = 0; start < rows.length; start += BATCH) {
    const values = rows.slice(start, start + BATCH).map(({ row, values: i, source }) => ({
      import_id: importId,
      organisation_code: organisationCode,
      row_number: row,
      reference: i.reference,
      source_application: i.sourceApplication,
      target_application: i.targetApplication,
      method: i.method,
      frequency: i.frequency,
      data_carried: i.dataCarried,
      carries_personal_data: i.carriesPersonalData,
      owner: i.owner,
      source_row: JSON.stringify(source),
    }));
    await db.insertInto('estate_integrations').values(values).execute();
  }
}

/** An organisation's current integrations: those of its latest integrations import, in file order. */
export async function selectCurrentIntegrations(db: EstateDb, organisationCode: string): Promise<Integration[]> {
  const latest = await latestInventoryImportId(db, organisationCode, 'integrations');
  if (latest === undefined) return [];
  const rows = await db.selectFrom('estate_integrations').selectAll().where('import_id', '=', latest).orderBy('row_number').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    organisationCode: r.organisation_code,
    importId: Number(r.import_id),
    row: r.row_number,
    reference: r.reference,
    sourceApplication: r.source_application,
    targetApplication: r.target_application,
    method: r.method,
    frequency: r.frequency,
    dataCarried: r.data_carried,
    carriesPersonalData: r.carries_personal_data,
    owner: r.owner,
  }));
}
