/**
 * The shared contract map: every predecessor's current contracts (each council's latest import)
 * measured against the reorganisation's vesting day by rules.ts, with the decision in force on
 * each; the suppliers several councils share; and recording decisions (append-only, audited).
 * "today" is an input: pages and the API pass the real date, tests fix it.
 */
import { recordAudit, type Database, type SignedInUser } from '@joinery/core';
import { estateError } from '../errors.ts';
import { findReorganisation, type Reorganisation } from '../reorganisations/service.ts';
import { isDay, addMonths } from './dates.ts';
import { capabilityOf } from './grouping.ts';
import {
  DECISION_KINDS,
  type CommonSupplier,
  type ContractDecision,
  type ContractMap,
  type ContractMapFilters,
  type ContractMapRow,
  type DecisionInput,
  type DecisionKind,
} from './model.ts';
import { assessContract, isSoftwareCpv } from './rules.ts';
import { estateDb, insertDecision, organisationNames, selectDecisions, selectMapContracts } from './store.ts';
import { commonSuppliers } from './suppliers.ts';

type Actor = Pick<SignedInUser, 'id' | 'username'> | null;

/** @example await requireReorganisation(database, 'wessex-lgr') */
export async function requireReorganisation(database: Database, code: string): Promise<Reorganisation> {
  const found = await findReorganisation(database, code);
  if (!found) throw estateError('ESTATE_REORGANISATION_UNKNOWN', `There is no reorganisation with the code "${code.slice(0, 64)}"`);
  return found;
}

const contractKey = (organisationCode: string, reference: string) => `${organisationCode}\u0000${reference}`;

/** The decision in force for each contract: the latest row (append-only history). */
function latestDecisions(decisions: readonly ContractDecision[]): Map<string, ContractDecision> {
  const latest = new Map<string, ContractDecision>();
  for (const d of decisions) latest.set(contractKey(d.organisationCode, d.reference), d);
  return latest;
}

/** Every current contract of the reorganisation's predecessors, assessed, unfiltered, soonest notice deadline first. */
export async function contractMapRows(database: Database, reorganisation: Reorganisation, today: string): Promise<ContractMapRow[]> {
  const db = estateDb(database.db);
  const names = await organisationNames(database, reorganisation.predecessorCodes);
  const decisions = latestDecisions(await selectDecisions(db, reorganisation.code));
  const rows: ContractMapRow[] = [];
  for (const code of reorganisation.predecessorCodes) {
    for (const c of await selectMapContracts(db, code)) {
      const a = assessContract(c, { vestingDay: reorganisation.vestingDay, today });
      rows.push({
        organisationCode: c.organisationCode,
        organisationName: names.get(c.organisationCode) ?? c.organisationCode,
        reference: c.reference,
        row: c.row,
        title: c.title,
        supplierName: c.supplierName,
        supplierCompanyNumber: c.supplierCompanyNumber,
        value: c.value,
        startDate: c.startDate,
        endDate: c.endDate,
        reviewDate: c.reviewDate,
        department: c.department,
        cpvCode: c.cpvCode,
        capability: capabilityOf(c),
        isSoftware: isSoftwareCpv(c.cpvCode),
        noticePeriod: c.noticePeriod,
        noticeServedDate: c.noticeServedDate,
        isAutoRenewing: c.isAutoRenewing,
        terminationCost: c.terminationCost,
        isNovationRequired: c.isNovationRequired,
        hasChangeOfControlClause: c.hasChangeOfControlClause,
        ...a,
        decision: decisions.get(contractKey(c.organisationCode, c.reference)) ?? null,
      });
    }
  }
  return rows.sort(
    (x, y) =>
      (x.noticeDeadline ?? '9999').localeCompare(y.noticeDeadline ?? '9999') ||
      x.organisationCode.localeCompare(y.organisationCode) ||
      x.reference.localeCompare(y.reference) ||
      x.row - y.row,
  );
}

/** The rows the filters keep. endsWithinMonths: the term ends between today and N calendar months after it. */
export function filterRows(rows: readonly ContractMapRow[], filters: ContractMapFilters, today: string): ContractMapRow[] {
  const horizon = filters.endsWithinMonths === undefined ? undefined : addMonths(today, filters.endsWithinMonths);
  return rows.filter(
    (r) =>
      (!filters.council || r.organisationCode === filters.council) &&
      (!filters.needsDecision || r.needsDecision) &&
      (!filters.noDecision || r.decision === null) &&
      (!filters.softwareOnly || r.isSoftware) &&
      (horizon === undefined || (r.termEnd !== null && r.termEnd >= today && r.termEnd <= horizon)),
  );
}

/**
 * The contract map of a reorganisation, filtered, with its summary counts.
 * @example const map = await buildContractMap(database, 'wessex-lgr', { needsDecision: true }, '2026-12-01');
 */
export async function buildContractMap(
  database: Database,
  reorganisationCode: string,
  filters: ContractMapFilters = {},
  today: string,
): Promise<ContractMap> {
  const reorganisation = await requireReorganisation(database, reorganisationCode);
  const rows = filterRows(await contractMapRows(database, reorganisation, today), filters, today);
  return {
    reorganisation,
    today,
    filters,
    summary: {
      contracts: rows.length,
      needingDecision: rows.filter((r) => r.needsDecision).length,
      withoutDecision: rows.filter((r) => r.decision === null).length,
      valueAtStake: rows.filter((r) => r.runsPastVesting).reduce((sum, r) => sum + (r.value ?? 0), 0),
      terminationCostTotal: rows.reduce((sum, r) => sum + (r.terminationCost ?? 0), 0),
      noticeUnknown: rows.filter((r) => r.noticeStatus === 'unknown').length,
    },
    rows,
  };
}

const yesNo = (v: boolean | null) => (v === null ? '' : v ? 'yes' : 'no');

/** The map's rows as CSV (one line per contract row, every computed field). */
export function contractMapCsv(map: ContractMap): string {
  const columns: [string, (r: ContractMapRow) => string | number | null][] = [
    ['organisation_code', (r) => r.organisationCode],
    ['organisation_name', (r) => r.organisationName],
    ['reference', (r) => r.reference],
    ['title', (r) => r.title],
    ['supplier_name', (r) => r.supplierName],
    ['supplier_company_number', (r) => r.supplierCompanyNumber],
    ['capability', (r) => r.capability],
    ['cpv_code', (r) => r.cpvCode],
    ['is_software', (r) => yesNo(r.isSoftware)],
    ['value', (r) => r.value],
    ['start_date', (r) => r.startDate],
    ['end_date', (r) => r.endDate],
    ['term_end', (r) => r.termEnd],
    ['review_date', (r) => r.reviewDate],
    ['notice_period', (r) => r.noticePeriod],
    ['notice_deadline', (r) => r.noticeDeadline],
    ['notice_status', (r) => r.noticeStatus],
    ['notice_unknown_because', (r) => r.noticeUnknownBecause],
    ['days_to_notice_deadline', (r) => r.daysToNoticeDeadline],
    ['notice_served_date', (r) => r.noticeServedDate],
    ['ends_before_vesting', (r) => yesNo(r.endsBeforeVesting)],
    ['runs_past_vesting', (r) => yesNo(r.runsPastVesting)],
    ['is_auto_renewing', (r) => yesNo(r.isAutoRenewing)],
    ['next_renewal', (r) => r.nextRenewal],
    ['break_dates_before_vesting', (r) => r.breakDatesBeforeVesting.join(';')],
    ['break_dates_after_vesting', (r) => r.breakDatesAfterVesting.join(';')],
    ['termination_cost', (r) => r.terminationCost],
    ['is_novation_required', (r) => yesNo(r.isNovationRequired)],
    ['has_change_of_control_clause', (r) => yesNo(r.hasChangeOfControlClause)],
    ['needs_decision', (r) => yesNo(r.needsDecision)],
    ['reasons', (r) => r.reasons.map((x) => x.code).join(';')],
    ['decision', (r) => r.decision?.decision ?? null],
    ['decision_owner', (r) => r.decision?.owner ?? null],
    ['decision_due', (r) => r.decision?.dueDate ?? null],
    [
      'consolidate_into',
      (r) =>
        r.decision?.consolidateIntoReference
          ? `${r.decision.consolidateIntoOrganisationCode}/${r.decision.consolidateIntoReference}`
          : null,
    ],
  ];
  // A leading =, +, - or @ would be a formula to a spreadsheet: prefix it (OWASP CSV injection).
  const safe = (v: string | number | null) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : (v ?? ''));
  const quote = (v: string | number) => (typeof v === 'string' && /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));
  const lines = [columns.map(([name]) => name), ...map.rows.map((r) => columns.map(([, get]) => safe(get(r))))];
  // RFC 4180: CRLF line ends, fields with a comma, quote or line break in double quotes.
  return lines.map((line) => line.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** Suppliers with current contracts at two or more of the reorganisation's predecessors. */
export async function listCommonSuppliers(database: Database, reorganisationCode: string, today: string): Promise<CommonSupplier[]> {
  const reorganisation = await requireReorganisation(database, reorganisationCode);
  return commonSuppliers(await contractMapRows(database, reorganisation, today));
}

/** Every decision recorded for the reorganisation, oldest first (history: the latest per contract is in force). */
export async function listContractDecisions(
  database: Database,
  reorganisationCode: string,
  contract?: { organisationCode: string; reference: string },
): Promise<ContractDecision[]> {
  await requireReorganisation(database, reorganisationCode);
  return selectDecisions(estateDb(database.db), reorganisationCode, contract);
}

/** The rows of one contract (one reference may cover several suppliers or lots). */
export async function findMapContract(
  database: Database,
  reorganisationCode: string,
  organisationCode: string,
  reference: string,
  today: string,
): Promise<{ reorganisation: Reorganisation; rows: ContractMapRow[] }> {
  const reorganisation = await requireReorganisation(database, reorganisationCode);
  const rows = (await contractMapRows(database, reorganisation, today)).filter(
    (r) => r.organisationCode === organisationCode && r.reference === reference,
  );
  if (rows.length === 0)
    throw estateError(
      'ESTATE_CONTRACT_UNKNOWN',
      `${organisationCode.slice(0, 64)} has no current contract with the reference "${reference.slice(0, 200)}" in ${reorganisation.code}`,
    );
  return { reorganisation, rows };
}

/**
 * Records a decision on a predecessor's contract (a new row; the latest is in force), audited.
 * Every problem with the input is reported at once. Who may is the caller's check (http.ts).
 * @example await recordContractDecision(database, user, { reorganisation: 'wessex-lgr', organisationCode: 'casterbridge', reference: 'CB-1', decision: 'novate', owner: 'Head of ICT', rationale: 'Runs to 2030' }, '2026-12-01');
 */
export async function recordContractDecision(
  database: Database,
  actor: Actor,
  input: DecisionInput,
  today: string,
): Promise<ContractDecision> {
  const reorganisation = await requireReorganisation(database, input.reorganisation);
  const rows = await contractMapRows(database, reorganisation, today);
  const problems: { field: string; message: string }[] = [];
  const has = (org: string, ref: string) => rows.some((r) => r.organisationCode === org && r.reference === ref);
  const decision = input.decision.trim();
  const owner = input.owner.trim();
  const rationale = input.rationale.trim();
  const dueDate = input.dueDate?.trim() || null;
  const intoOrg = input.consolidateIntoOrganisationCode?.trim() || null;
  const intoRef = input.consolidateIntoReference?.trim() || null;

  if (!reorganisation.predecessorCodes.includes(input.organisationCode))
    problems.push({
      field: 'organisationCode',
      message: `${input.organisationCode.slice(0, 64)} is not a predecessor in ${reorganisation.code}`,
    });
  else if (!has(input.organisationCode, input.reference))
    problems.push({ field: 'reference', message: `${input.organisationCode} has no current contract "${input.reference.slice(0, 200)}"` });
  if (!(DECISION_KINDS as readonly string[]).includes(decision))
    problems.push({ field: 'decision', message: 'Choose novate, extend, exit or consolidate' });
  if (owner === '') problems.push({ field: 'owner', message: 'Enter who owns the decision (a person or a role)' });
  if (rationale === '') problems.push({ field: 'rationale', message: 'Enter why: the rationale for the decision' });
  if (dueDate !== null && !isDay(dueDate))
    problems.push({ field: 'dueDate', message: `"${dueDate.slice(0, 40)}" is not a date: write YYYY-MM-DD` });
  if (decision === 'consolidate') {
    if (!intoOrg || !intoRef) problems.push({ field: 'consolidateInto', message: 'Choose the contract it is to be consolidated into' });
    else if (intoOrg === input.organisationCode && intoRef === input.reference)
      problems.push({ field: 'consolidateInto', message: 'A contract cannot be consolidated into itself' });
    else if (!has(intoOrg, intoRef))
      problems.push({
        field: 'consolidateInto',
        message: `There is no current contract "${intoRef.slice(0, 200)}" of ${intoOrg.slice(0, 64)} in ${reorganisation.code}`,
      });
  }
  if (problems.length > 0)
    throw estateError('ESTATE_DECISION_INVALID', 'The decision cannot be recorded: ' + problems.map((p) => p.message).join('; '), problems);

  return database.db.transaction().execute(async (trx) => {
    const saved = await insertDecision(estateDb(trx), {
      reorganisationCode: reorganisation.code,
      organisationCode: input.organisationCode,
      reference: input.reference,
      decision: decision as DecisionKind,
      consolidateIntoOrganisationCode: decision === 'consolidate' ? intoOrg : null,
      consolidateIntoReference: decision === 'consolidate' ? intoRef : null,
      owner,
      rationale,
      dueDate,
      decidedBy: actor?.username ?? null,
    });
    await recordAudit(trx, {
      actor,
      organisationCode: input.organisationCode,
      action: 'estate.contract-decision',
      subjectType: 'contract',
      subjectId: `${input.organisationCode}/${input.reference}`.slice(0, 250),
      details: {
        reorganisation: reorganisation.code,
        decisionId: saved.id,
        decision,
        owner,
        dueDate,
        consolidateInto: intoRef ? `${intoOrg}/${intoRef}` : null,
      },
    });
    return saved;
  });
}
