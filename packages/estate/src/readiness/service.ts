/**
 * Readiness ratings: recorded one area at a time, never overwritten (earlier ones are the
 * history), summarised per organisation and for the reorganisation by the rule in rating-rule.ts.
 */
import { recordAudit, type Database, type ProblemDetail, type SignedInUser } from '@joinery/core';
import { estateError } from '../errors.ts';
import { estateDb } from '../store.ts';
import { partiesOf, requireReorganisation } from '../governance/access.ts';
import {
  AREA_KEYS,
  READINESS_AREAS,
  READINESS_CAPACITIES,
  type ReadinessRating,
  type ReadinessRatingInput,
  type ReadinessSummary,
} from './model.ts';
import { OVERALL_RULE, overallRating, ratingAcross } from './rating-rule.ts';

type Actor = Pick<SignedInUser, 'id' | 'username'> | null;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (v: string) => DAY.test(v) && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().startsWith(v);

/**
 * Records ratings (one assessment: several areas at once). Every problem is reported; none is
 * stored unless all are good.
 * @example await recordReadiness(database, user, 'wessex-lgr', [{ organisationCode: 'casterbridge', area: 'estate-discovery', rating: 'amber', evidence: '…', assessor: 'Head of ICT', assessedOn: '2026-11-01' }]);
 */
export async function recordReadiness(
  database: Database,
  actor: Actor,
  code: string,
  ratings: readonly ReadinessRatingInput[],
  today = new Date().toISOString().slice(0, 10),
): Promise<ReadinessRating[]> {
  const reorganisation = await requireReorganisation(database, code);
  const parties = partiesOf(reorganisation);
  const problems: ProblemDetail[] = [];
  if (ratings.length === 0) problems.push({ field: 'ratings', message: 'Rate at least one area' });
  ratings.forEach((r, i) => {
    const at = ratings.length > 1 ? `Rating ${i + 1}: ` : '';
    if (!parties.includes(r.organisationCode))
      problems.push({
        field: `ratings.${i}.organisationCode`,
        message: `${at}${r.organisationCode.slice(0, 64)} is not part of ${reorganisation.code}`,
      });
    if (!AREA_KEYS.includes(r.area))
      problems.push({ field: `ratings.${i}.area`, message: `${at}"${String(r.area).slice(0, 40)}" is not a readiness area` });
    if (!['red', 'amber', 'green'].includes(r.rating))
      problems.push({ field: `ratings.${i}.rating`, message: `${at}choose red, amber or green` });
    if (r.evidence.trim() === '') problems.push({ field: `ratings.${i}.evidence`, message: `${at}give the evidence for the rating` });
    if (r.assessor.trim() === '') problems.push({ field: `ratings.${i}.assessor`, message: `${at}say who assessed it` });
    if (!isDay(r.assessedOn)) problems.push({ field: `ratings.${i}.assessedOn`, message: `${at}give the assessment date as YYYY-MM-DD` });
    else if (r.assessedOn > today)
      problems.push({ field: `ratings.${i}.assessedOn`, message: `${at}the assessment date is in the future` });
    (r.links ?? []).forEach((l, j) => {
      if (!/^https?:\/\/\S+$/i.test(l.href))
        problems.push({ field: `ratings.${i}.links.${j}`, message: `${at}link ${j + 1} must be an http(s) address` });
    });
  });
  if (problems.length > 0)
    throw estateError('ESTATE_READINESS_INVALID', `The ratings cannot be recorded: ${problems.map((p) => p.message).join('; ')}`, problems);

  const ids = await database.db.transaction().execute(async (trx) => {
    const rows = await estateDb(trx)
      .insertInto('estate_readiness_ratings')
      .values(
        ratings.map((r) => ({
          reorganisation_code: reorganisation.code,
          organisation_code: r.organisationCode,
          area: r.area,
          rating: r.rating,
          evidence: r.evidence.trim(),
          links: JSON.stringify((r.links ?? []).map((l) => ({ text: l.text.trim(), href: l.href.trim() }))),
          assessor: r.assessor.trim(),
          assessed_on: r.assessedOn,
          recorded_by: actor?.username ?? null,
        })),
      )
      .returning('id')
      .execute();
    await recordAudit(trx, {
      actor,
      organisationCode: reorganisation.successorCode,
      action: 'estate.readiness-record',
      subjectType: 'reorganisation',
      subjectId: reorganisation.code,
      details: {
        ratings: ratings.map((r) => ({ organisation: r.organisationCode, area: r.area, rating: r.rating, assessedOn: r.assessedOn })),
      },
    });
    return rows.map((r) => Number(r.id));
  });
  return (await readinessHistory(database, code)).filter((r) => ids.includes(r.id));
}

/** Every rating ever recorded, oldest first (by assessment date, then as recorded). */
export async function readinessHistory(database: Database, code: string, organisationCode?: string): Promise<ReadinessRating[]> {
  let query = estateDb(database.db)
    .selectFrom('estate_readiness_ratings')
    .selectAll()
    .where('reorganisation_code', '=', code)
    .orderBy('assessed_on')
    .orderBy('id');
  if (organisationCode) query = query.where('organisation_code', '=', organisationCode);
  return (await query.execute()).map((r) => ({
    id: Number(r.id),
    organisationCode: r.organisation_code,
    area: r.area as ReadinessRating['area'],
    rating: r.rating,
    evidence: r.evidence,
    links: r.links,
    assessor: r.assessor,
    assessedOn: r.assessed_on,
    recordedBy: r.recorded_by,
    recordedAt: new Date(r.recorded_at).toISOString(),
  }));
}

/** The rule over the areas; amber (not green, not blank) once anything at all has been assessed. */
function reorganisationOverall(areas: ReturnType<typeof overallRating>[], anythingAssessed: boolean) {
  return overallRating(areas) ?? (anythingAssessed ? 'amber' : null);
}

/** The current ratings (latest per organisation and area) and the overall ratings by the rule. */
export async function readinessSummary(database: Database, code: string): Promise<ReadinessSummary> {
  const reorganisation = await requireReorganisation(database, code);
  const history = await readinessHistory(database, reorganisation.code);
  const organisations = partiesOf(reorganisation).map((organisationCode) => {
    const areas: Record<string, ReadinessRating | null> = {};
    for (const area of AREA_KEYS)
      areas[area] = history.filter((r) => r.organisationCode === organisationCode && r.area === area).at(-1) ?? null;
    const capacities: Record<string, ReturnType<typeof overallRating>> = {};
    for (const capacity of READINESS_CAPACITIES)
      capacities[capacity.key] = overallRating(
        READINESS_AREAS.filter((a) => a.capacity === capacity.key).map((a) => areas[a.key]?.rating ?? null),
      );
    return { organisationCode, overall: overallRating(AREA_KEYS.map((a) => areas[a]?.rating ?? null)), capacities, areas };
  });
  const areas = Object.fromEntries(AREA_KEYS.map((a) => [a, ratingAcross(organisations.map((o) => o.areas[a]?.rating ?? null))]));
  return {
    reorganisationCode: reorganisation.code,
    rule: OVERALL_RULE,
    overall: reorganisationOverall(
      AREA_KEYS.map((a) => areas[a] ?? null),
      history.length > 0,
    ),
    areas,
    organisations,
  };
}
