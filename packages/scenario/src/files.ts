/**
 * Writes a scenario as open files: RFC 4180 CSV (header row, CRLF line ends, UTF-8) and a
 * manifest.json listing every file with its row count and SHA-256, so a loader or an
 * evaluator can check it has exactly what was generated.
 *
 * Ground truth goes under truth/ and nowhere else: the sources/ folder can be handed to
 * the person index (or anyone) without giving away the answers.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { districtGazetteers, gridReference } from './gazetteers.ts';
import type { ScenarioFileEntry, ScenarioFileManifest, WessexScenario } from './model.ts';

type Cell = string | number | boolean | undefined;

/** A file's columns, each with how to read it from a row. */
type Columns<T> = readonly (readonly [header: string, read: (row: T) => Cell])[];

const list = (items: readonly string[]) => items.join(';');

function toCsv<T>(rows: readonly T[], columns: Columns<T>): string {
  const parts: string[] = [];
  // In slices, so the row arrays die young instead of filling the heap at scale 1.
  for (let start = 0; start === 0 || start < rows.length; start += CHUNK) {
    const records = rows.slice(start, start + CHUNK).map((row) =>
      columns.map(([, read]) => {
        const value = read(row);
        return value === undefined ? '' : String(value);
      }),
    );
    parts.push(
      stringify(records, {
        header: start === 0,
        columns: columns.map(([header]) => header),
        record_delimiter: 'windows',
      }),
    );
  }
  return parts.join('');
}

const CHUNK = 5_000;

interface PlannedFile {
  path: string;
  rows: number;
  /** Rendered only when written, so one file's text is in memory at a time. */
  render: () => string;
}

/** Every file, in a fixed order. */
function scenarioFiles(s: WessexScenario): PlannedFile[] {
  const files: PlannedFile[] = [];
  const add = <T>(path: string, rows: readonly T[], columns: Columns<T>) =>
    files.push({ path, rows: rows.length, render: () => toCsv(rows, columns) });
  const identifier = (kind: string) => (o: WessexScenario['organisations'][number]) =>
    list(o.identifiers.filter((i) => i.kind === kind).map((i) => i.value));

  add('organisations.csv', s.organisations, [
    ['code', (o) => o.code],
    ['name', (o) => o.name],
    ['type', (o) => o.type],
    ['gss', identifier('gss')],
    ['ods', identifier('ods')],
    ['companies_house', identifier('companies-house')],
    ['charity', identifier('charity')],
    ['predecessor_of', (o) => o.predecessorOf],
  ]);
  add('partnerships.csv', s.partnerships, [
    ['code', (p) => p.code],
    ['name', (p) => p.name],
    ['kind', (p) => p.kind],
    ['members', (p) => list(p.members)],
  ]);

  for (const system of s.sourceSystems) {
    const records = s.sourceExtracts[system.code] ?? [];
    add(
      `sources/${system.code.replace('/', '__')}.csv`,
      records,
      system.columns.map((column) => [column, (r: Record<string, string>) => r[column]] as const),
    );
  }

  add('places/streets.csv', s.streets, [
    ['usrn', (r) => r.usrn],
    ['name', (r) => r.name],
    ['locality', (r) => r.locality],
    ['town', (r) => r.town],
    ['district', (r) => r.district],
  ]);
  // Each district's gazetteer in DTF 7.3: no header row, text quoted, as councils' LLPG exports are.
  const { gazetteers, conflicts } = districtGazetteers(s.properties, s.streets, s.seed);
  for (const g of gazetteers)
    files.push({
      path: `places/llpg/${g.district}.csv`,
      rows: g.records.length,
      render: () => stringify(g.records, { record_delimiter: 'windows', quoted_string: true, quoted_empty: false }),
    });
  add('places/open-uprn.csv', s.properties, [
    ['UPRN', (r) => r.uprn],
    ['X_COORDINATE', (r) => gridReference(r.lat, r.lng)[0]],
    ['Y_COORDINATE', (r) => gridReference(r.lat, r.lng)[1]],
    ['LATITUDE', (r) => r.lat],
    ['LONGITUDE', (r) => r.lng],
  ]);
  add('truth/gazetteer-conflicts.csv', conflicts, [
    ['kind', (c) => c.kind],
    ['uprns', (c) => list(c.uprns)],
    ['districts', (c) => list(c.districts)],
    ['detail', (c) => c.detail],
  ]);
  add('places/properties.csv', s.properties, [
    ['uprn', (r) => r.uprn],
    ['usrn', (r) => r.usrn],
    ['sao_text', (r) => r.saoText],
    ['pao_start_number', (r) => r.paoStartNumber],
    ['pao_text', (r) => r.paoText],
    ['street_name', (r) => r.streetName],
    ['locality', (r) => r.locality],
    ['town', (r) => r.town],
    ['postcode', (r) => r.postcode],
    ['district', (r) => r.district],
    ['classification', (r) => r.classification],
    ['lat', (r) => r.lat],
    ['lng', (r) => r.lng],
  ]);

  add('estate/suppliers.csv', s.suppliers, [
    ['id', (r) => r.id],
    ['name', (r) => r.name],
    ['companies_house_number', (r) => r.companiesHouseNumber],
    ['is_sme', (r) => r.isSme],
    ['is_vcse', (r) => r.isVcse],
    ['health', (r) => r.health],
  ]);
  add('estate/applications.csv', s.applications, [
    ['id', (r) => r.id],
    ['organisation_code', (r) => r.organisationCode],
    ['name', (r) => r.name],
    ['product', (r) => r.product],
    ['supplier_id', (r) => r.supplierId],
    ['supplier_name', (r) => r.supplierName],
    ['version', (r) => r.version],
    ['hosting', (r) => r.hosting],
    ['capability', (r) => r.capability],
    ['business_owner', (r) => r.businessOwner],
    ['users', (r) => r.users],
    ['annual_cost', (r) => r.annualCost],
    ['licence_model', (r) => r.licenceModel],
    ['end_of_support', (r) => r.endOfSupport],
    ['contract_reference', (r) => r.contractReference],
    ['source_system_codes', (r) => list(r.sourceSystemCodes)],
  ]);
  add('estate/contracts.csv', s.contracts, [
    ['reference', (r) => r.reference],
    ['organisation_code', (r) => r.organisationCode],
    ['title', (r) => r.title],
    ['description', (r) => r.description],
    ['supplier_id', (r) => r.supplierId],
    ['supplier_name', (r) => r.supplierName],
    ['supplier_companies_house_number', (r) => r.supplierCompaniesHouseNumber],
    ['department', (r) => r.department],
    ['value', (r) => r.value],
    ['annual_value', (r) => r.annualValue],
    ['start_date', (r) => r.startDate],
    ['end_date', (r) => r.endDate],
    ['review_date', (r) => r.reviewDate],
    ['notice_period_months', (r) => r.noticePeriodMonths],
    ['termination_cost', (r) => r.terminationCost],
    ['is_auto_renewing', (r) => r.isAutoRenewing],
    ['cpv_code', (r) => r.cpvCode],
    ['cpv_label', (r) => r.cpvLabel],
    ['procurement_route', (r) => r.procurementRoute],
    ['is_sme_supplier', (r) => r.isSmeSupplier],
    ['is_vcse_supplier', (r) => r.isVcseSupplier],
  ]);
  add('estate/integrations.csv', s.integrations, [
    ['id', (r) => r.id],
    ['organisation_code', (r) => r.organisationCode],
    ['source_application_id', (r) => r.sourceApplicationId],
    ['target_application_id', (r) => r.targetApplicationId],
    ['method', (r) => r.method],
    ['frequency', (r) => r.frequency],
    ['data_carried', (r) => r.dataCarried],
    ['carries_personal_data', (r) => r.carriesPersonalData],
  ]);

  add('health/admissions.csv', s.admissions, [
    ['admission_id', (r) => r.admissionId],
    ['patient_record_id', (r) => r.patientRecordId],
    ['hospital_number', (r) => r.hospitalNumber],
    ['nhs_number', (r) => r.nhsNumber],
    ['admitted_on', (r) => r.admittedOn],
    ['discharged_on', (r) => r.dischargedOn],
    ['admission_method', (r) => r.admissionMethod],
    ['specialty', (r) => r.specialty],
    ['ward', (r) => r.ward],
    ['discharge_destination', (r) => r.dischargeDestination],
    ['discharge_address', (r) => r.dischargeAddress],
  ]);
  add('housing/cases.csv', s.housingCases, [
    ['case_id', (r) => r.caseId],
    ['organisation_code', (r) => r.organisationCode],
    ['applicant_system_code', (r) => r.applicantSystemCode],
    ['applicant_record_id', (r) => r.applicantRecordId],
    ['reason', (r) => r.reason],
    ['opened_on', (r) => r.openedOn],
    ['closed_on', (r) => r.closedOn],
    ['outcome', (r) => r.outcome],
    ['referred_by', (r) => r.referredBy],
  ]);

  add('truth/persons.csv', s.truth.persons, [
    ['person_id', (p) => p.personId],
    ['sex', (p) => p.sex],
    ['given_name', (p) => p.givenName],
    ['middle_names', (p) => p.middleNames.join(' ')],
    ['surname', (p) => p.surname],
    ['birth_surname', (p) => p.birthSurname],
    ['surname_history', (p) => list(p.surnameHistory.map((h) => `${h.surname}@${h.from}`))],
    ['date_of_birth', (p) => p.dateOfBirth],
    ['date_of_death', (p) => p.dateOfDeath],
    ['nhs_number', (p) => p.nhsNumber],
    ['phone', (p) => p.phone],
    ['email', (p) => p.email],
    ['origin', (p) => p.origin],
    ['last_uprn', (p) => p.addresses[p.addresses.length - 1]?.uprn],
    ['arrived_on', (p) => p.arrivedOn],
    ['left_on', (p) => p.leftOn],
  ]);
  const spells = s.truth.persons.flatMap((p) => p.addresses.map((a) => ({ personId: p.personId, ...a })));
  add('truth/addresses.csv', spells, [
    ['person_id', (a) => a.personId],
    ['uprn', (a) => a.uprn],
    ['district', (a) => a.district],
    ['from', (a) => a.from],
    ['to', (a) => a.to],
    ['role', (a) => a.role],
  ]);
  add('truth/record-links.csv', s.truth.links, [
    ['system_code', (l) => l.systemCode],
    ['record_id', (l) => l.recordId],
    ['person_id', (l) => l.personId],
    ['uprn', (l) => l.uprn],
    ['errors', (l) => list(l.errors)],
  ]);
  return files;
}

/**
 * Writes the scenario under `dir` and returns the manifest (also written as manifest.json).
 * Files are overwritten; nothing else in `dir` is touched.
 * @example await writeScenarioFiles(generateWessex({ scale: 0.05 }), '.joinery/wessex')
 */
export async function writeScenarioFiles(scenario: WessexScenario, dir: string): Promise<ScenarioFileManifest> {
  const entries: ScenarioFileEntry[] = [];
  for (const file of scenarioFiles(scenario)) {
    const bytes = Buffer.from(file.render(), 'utf8');
    const target = join(dir, ...file.path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, bytes);
    entries.push({
      path: file.path,
      rows: file.rows,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      isGroundTruth: file.path.startsWith('truth/'),
    });
  }
  const manifest: ScenarioFileManifest = {
    generator: '@joinery/scenario',
    seed: scenario.seed,
    scale: scenario.scale,
    generatedAt: scenario.generatedAt,
    files: entries,
  };
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
