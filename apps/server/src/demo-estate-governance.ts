/**
 * The demo's starting point for Wessex's governance, readiness and benefits: a first
 * decision-rights matrix, a first readiness assessment and a few benefits, so that the pages
 * have something to show and change. Derived from the scenario's estate files where the data
 * allows (readiness measures, benefit baselines from applications' annual costs); where it does
 * not (the matrix, the leadership/skills/finance areas, public-value baselines) the values are
 * labelled as the demo's assumptions or as the Connected Devolution report's sector baseline.
 * Safe to repeat: each part is seeded only while it is empty, so users' changes are kept.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv, type Database } from '@joinery/core';
import {
  getDecisionRights,
  listBenefits,
  publishDecisionRights,
  readinessHistory,
  recordReadiness,
  saveBenefit,
  saveDecisionRights,
  type BenefitInput,
  type DecisionMatrix,
  type Rating,
  type ReadinessRatingInput,
} from '@joinery/estate';
import { SCENARIO_DATE, WESSEX_REORGANISATION } from '@joinery/scenario';

export interface DemoGovernanceReport {
  matrixVersions: number;
  ratings: number;
  benefits: number;
}

type Row = Record<string, string>;
const read = (dir: string, name: string): Row[] => readCsv(readFileSync(join(dir, 'estate', name)), name).rows as Row[];
const share = (rows: Row[], test: (r: Row) => boolean) => (rows.length === 0 ? 0 : rows.filter(test).length / rows.length);
const percent = (x: number) => `${Math.round(x * 100)}%`;
const band = (x: number, green: number, amber: number): Rating => (x >= green ? 'green' : x >= amber ? 'amber' : 'red');

/** The demo's first matrix: the report's five domains against a shadow authority's usual bodies. */
function startingMatrix(applications: number, councils: number): DecisionMatrix {
  return {
    bodies: [
      { key: 'shadow-executive', name: 'Shadow executive' },
      { key: 'programme-board', name: 'Programme board' },
      { key: 'design-authority', name: 'Design authority' },
      { key: 'cio-cdo', name: 'CIO/CDO' },
      { key: 's151-officer', name: 's151 officer' },
      { key: 'service-directors', name: 'Service directors' },
    ],
    cells: [
      {
        domain: 'it-principles',
        body: 'shadow-executive',
        code: 'A',
        note: 'Adopts the digital principles (adopt, not adapt; open standards)',
      },
      { domain: 'it-principles', body: 'cio-cdo', code: 'R', note: 'Drafts them' },
      { domain: 'it-principles', body: 'service-directors', code: 'C' },
      { domain: 'architecture', body: 'design-authority', code: 'A', note: 'Guardrails: identity, data, integration, security' },
      { domain: 'architecture', body: 'cio-cdo', code: 'R' },
      { domain: 'architecture', body: 'programme-board', code: 'I' },
      { domain: 'infrastructure', body: 'cio-cdo', code: 'A', note: 'Day-one safe and legal: email, network, identity' },
      { domain: 'infrastructure', body: 'design-authority', code: 'C' },
      { domain: 'infrastructure', body: 's151-officer', code: 'I' },
      {
        domain: 'applications',
        body: 'programme-board',
        code: 'A',
        note: `Keep, converge or retire each of the ${applications} applications of the ${councils} councils`,
      },
      { domain: 'applications', body: 'service-directors', code: 'R', note: 'Business owners of their systems' },
      { domain: 'applications', body: 'design-authority', code: 'C', note: 'Fit with the reference architecture' },
      { domain: 'investment', body: 'shadow-executive', code: 'A', note: 'Approves business cases and tranches at benefit gates' },
      { domain: 'investment', body: 's151-officer', code: 'R', note: 'Affordability and the transition funding line' },
      { domain: 'investment', body: 'programme-board', code: 'C' },
      { domain: 'investment', body: 'cio-cdo', code: 'C' },
    ],
  };
}

/** Sector baseline where the scenario holds no local evidence (report §2.2.5–2.2.7). */
const SECTOR_BASELINE: { area: ReadinessRatingInput['area']; rating: Rating; evidence: string }[] = [
  {
    area: 'leadership-governance',
    rating: 'amber',
    evidence:
      'Sector baseline (report §2.2.5: amber-minus): executive sponsorship exists but digital often lacks parity at the top table. Replace with local evidence.',
  },
  {
    area: 'skills-capacity',
    rating: 'red',
    evidence:
      'Sector baseline (report §2.2.6: red): about 2% of headcount in digital or data roles; architects and data engineers scarce. Replace with local evidence.',
  },
  {
    area: 'finance-commercial',
    rating: 'amber',
    evidence:
      'Sector baseline (report §2.2.7: amber-red): narrow investment headroom without multi-year funding. Replace with local evidence.',
  },
];

function startingRatings(
  applications: Row[],
  contracts: Row[],
  integrations: Row[],
  councils: string[],
  successor: string,
): ReadinessRatingInput[] {
  const assessor = 'Demo starting point (from the scenario’s inventory)';
  const ratings: ReadinessRatingInput[] = [];
  for (const code of councils) {
    const apps = applications.filter((a) => a.organisation_code === code);
    const deals = contracts.filter((c) => c.organisation_code === code);
    const flows = integrations.filter((i) => i.organisation_code === code);
    const linked = share(apps, (a) => Boolean(a.contract_reference));
    const exitTerms = share(deals, (c) => Boolean(c.notice_period_months) && Boolean(c.termination_cost));
    const offPremises = share(apps, (a) => a.hosting !== 'on-premises');
    const byApi = share(flows, (i) => i.method === 'API');
    const unsupported = share(apps, (a) => Boolean(a.end_of_support) && a.end_of_support! < SCENARIO_DATE);
    const rate = (area: ReadinessRatingInput['area'], rating: Rating, evidence: string) =>
      ratings.push({ organisationCode: code, area, rating, evidence, assessor, assessedOn: SCENARIO_DATE });
    rate(
      'estate-discovery',
      band(Math.min(linked, exitTerms), 0.9, 0.6),
      `${apps.length} applications inventoried, ${percent(linked)} linked to a contract; ${deals.length} contracts, ${percent(exitTerms)} with notice period and termination cost. Green from 90%, amber from 60%.`,
    );
    rate(
      'platforms-cloud',
      band(offPremises, 0.65, 0.4),
      `${percent(offPremises)} of applications are SaaS or hosted, ${percent(1 - offPremises)} on premises. Green from 65%, amber from 40%.`,
    );
    rate(
      'interoperability',
      band(byApi, 0.5, 0.25),
      `${percent(byApi)} of ${flows.length} integrations use an API; the rest are file transfers, database links, email or re-keying. Green from 50%, amber from 25%.`,
    );
    rate(
      'cyber-resilience',
      unsupported <= 0.05 ? 'green' : unsupported <= 0.1 ? 'amber' : 'red',
      `${percent(unsupported)} of applications were past the end of supplier support on ${SCENARIO_DATE}. Green to 5%, amber to 10%. CAF self-assessment still to be attached.`,
    );
    for (const s of SECTOR_BASELINE) rate(s.area, s.rating, s.evidence);
  }
  for (const s of SECTOR_BASELINE)
    ratings.push({
      organisationCode: successor,
      area: s.area,
      rating: s.rating,
      evidence: s.evidence,
      assessor,
      assessedOn: SCENARIO_DATE,
    });
  return ratings;
}

/**
 * Cashable savings where several councils run a system for the same capability: baseline their
 * combined annual cost, target the cost of the dearest one (one system kept, sized for all), one
 * decommissioning gate per system retired. The three with the largest saving are seeded.
 */
function startingBenefits(applications: Row[], vestingDay: string): BenefitInput[] {
  const byCapability = new Map<string, Row[]>();
  for (const a of applications) if (a.capability) byCapability.set(a.capability, [...(byCapability.get(a.capability) ?? []), a]);
  const candidates = [...byCapability.entries()]
    .map(([capability, apps]) => {
      const costed = apps
        .filter((a) => Number(a.annual_cost) > 0)
        .sort((x, y) => Number(y.annual_cost) - Number(x.annual_cost) || x.id!.localeCompare(y.id!));
      const councils = new Set(costed.map((a) => a.organisation_code));
      const baseline = costed.reduce((sum, a) => sum + Number(a.annual_cost), 0);
      return { capability, costed, councils: councils.size, baseline, target: Number(costed[0]?.annual_cost ?? 0) };
    })
    .filter((c) => c.councils >= 2)
    .sort((a, b) => b.baseline - b.target - (a.baseline - a.target) || a.capability.localeCompare(b.capability))
    .slice(0, 3);
  const dueDate = `${Number(vestingDay.slice(0, 4)) + 2}${vestingDay.slice(4)}`;
  const benefits: BenefitInput[] = candidates.map((c, i) => ({
    reference: `B-0${i + 1}`,
    title: `One ${c.capability.toLowerCase()} system for Wessex`,
    kind: 'cashable-saving',
    measure: `Annual cost of ${c.capability.toLowerCase()} systems`,
    unit: 'GBP',
    baseline: c.baseline,
    target: c.target,
    owner: 'Programme board',
    evidence: `Baseline: the annual costs of ${c.costed.length} ${c.capability.toLowerCase()} systems in ${c.councils} councils' inventories (${c.costed.map((a) => a.id).join(', ')}). Target: keep the largest (${c.costed[0]!.name}) for everyone.`,
    dueDate,
    gates: c.costed.slice(1).map((a) => ({
      kind: 'system-decommissioned' as const,
      milestone: `${a.name} (${a.id}, ${a.organisation_code}) decommissioned`,
      isMet: false,
    })),
  }));
  const unsupported = applications.filter((a) => a.end_of_support && a.end_of_support < vestingDay && Number(a.annual_cost) > 0);
  benefits.push({
    reference: `B-0${benefits.length + 1}`,
    title: 'No upgrades of out-of-support systems that converge away',
    kind: 'cost-avoidance',
    measure: 'Annual cost of systems whose support ends before vesting day, avoided',
    unit: 'GBP',
    baseline: 0,
    target: unsupported.reduce((sum, a) => sum + Number(a.annual_cost), 0),
    owner: 's151 officer',
    evidence: `${unsupported.length} applications lose supplier support before ${vestingDay}; their annual cost is the upgrade spend at stake (a demo assumption of one year's cost).`,
    dueDate: vestingDay,
    gates: [{ kind: 'milestone', milestone: 'Convergence plan approved with a target system for each', isMet: false }],
  });
  benefits.push({
    reference: `B-0${benefits.length + 1}`,
    title: 'New starters productive sooner',
    kind: 'public-value',
    measure: 'Days from start date to working accounts on every system a role needs',
    unit: 'days',
    baseline: 15,
    target: 3,
    owner: 'Director of People',
    evidence: 'Demo assumption: baseline and target to be measured by HR before cut-over.',
    dueDate,
    gates: [
      { kind: 'api-available', milestone: 'Identity provisioning API live from the HR system', isMet: false },
      { kind: 'data-quality-threshold', milestone: '98% of staff records matched across the five councils', isMet: false },
    ],
  });
  return benefits;
}

/** @example await loadDemoGovernance(database, '.joinery/scenario'); */
export async function loadDemoGovernance(database: Database, scenarioDir: string): Promise<DemoGovernanceReport> {
  const code = WESSEX_REORGANISATION.code;
  const applications = read(scenarioDir, 'applications.csv');
  const contracts = read(scenarioDir, 'contracts.csv');
  const integrations = read(scenarioDir, 'integrations.csv');
  const councils = [...new Set(applications.map((a) => a.organisation_code!))].filter(Boolean).sort();

  if ((await getDecisionRights(database, code)).versions.length === 0) {
    await saveDecisionRights(database, null, code, {
      matrix: startingMatrix(applications.length, councils.length),
      changeNote: 'Demo starting point: a first matrix for the shadow authority to change',
    });
    await publishDecisionRights(database, null, code, 1);
  }
  if ((await readinessHistory(database, code)).length === 0)
    await recordReadiness(
      database,
      null,
      code,
      startingRatings(applications, contracts, integrations, councils, WESSEX_REORGANISATION.successorCode),
    );
  if ((await listBenefits(database, code)).benefits.length === 0)
    for (const benefit of startingBenefits(applications, WESSEX_REORGANISATION.vestingDay))
      await saveBenefit(database, null, code, benefit);

  return {
    matrixVersions: (await getDecisionRights(database, code)).versions.length,
    ratings: (await readinessHistory(database, code)).length,
    benefits: (await listBenefits(database, code)).benefits.length,
  };
}
