/**
 * Digital readiness (Connected Devolution report §2.2): the capacity to (i) discover and
 * rationalise estates, (ii) integrate around common platforms and standards, (iii) operate
 * securely and (iv) sustain change through leadership, skills and finance. The report rates
 * seven areas under these four capacities; Joinery rates the same seven, red, amber or green.
 */
import { Type, type Static } from 'typebox';
import { oneOf } from '../governance/model.ts';

export const READINESS_CAPACITIES = [
  { key: 'discover', name: 'Discover and rationalise estates' },
  { key: 'integrate', name: 'Integrate around common platforms and standards' },
  { key: 'operate', name: 'Operate securely' },
  { key: 'sustain', name: 'Sustain change through leadership, skills and finance' },
] as const;

/** The report's seven assessment areas (§2.2.1–2.2.7), each with the question an assessor answers. */
export const READINESS_AREAS = [
  {
    key: 'estate-discovery',
    capacity: 'discover',
    name: 'Estate discovery and asset management',
    question: 'Are applications, contracts (with notice periods and termination costs), data flows and integrations inventoried? (§2.2.1)',
  },
  {
    key: 'platforms-cloud',
    capacity: 'integrate',
    name: 'Platforms, cloud and technical debt',
    question: 'Is the estate on modern shared platforms, or hybrid and lift-and-shifted, with a plan to pay down legacy? (§2.2.2)',
  },
  {
    key: 'interoperability',
    capacity: 'integrate',
    name: 'Interoperability, market structure and supplier leverage',
    question: 'Are there open APIs, common data models and contract levers on API costs and lock-in? (§2.2.3)',
  },
  {
    key: 'cyber-resilience',
    capacity: 'operate',
    name: 'Cybersecurity and resilience',
    question:
      'Is the Cyber Assessment Framework self-assessed and independently reviewed, with incident exercises and supply-chain scrutiny? (§2.2.4)',
  },
  {
    key: 'leadership-governance',
    capacity: 'sustain',
    name: 'Strategy, leadership and governance',
    question: 'Is digital at the top table, with executive sponsorship and explicit decision rights? (§2.2.5)',
  },
  {
    key: 'skills-capacity',
    capacity: 'sustain',
    name: 'Skills and organisational capacity',
    question: 'Are there enough architects, data engineers, programme and procurement staff, permanently employed? (§2.2.6)',
  },
  {
    key: 'finance-commercial',
    capacity: 'sustain',
    name: 'Finance and commercial conditions',
    question: 'Is integration funded over several years, with ring-fenced capacity and consolidated supplier management? (§2.2.7)',
  },
] as const;
export type ReadinessArea = (typeof READINESS_AREAS)[number]['key'];
export const AREA_KEYS = READINESS_AREAS.map((a) => a.key) as ReadinessArea[];

export const Rating = Type.Union([Type.Literal('red'), Type.Literal('amber'), Type.Literal('green')]);
export type Rating = Static<typeof Rating>;

export const EvidenceLink = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 200 }),
  href: Type.String({ minLength: 1, maxLength: 2000, description: 'An http(s) address' }),
});

export const ReadinessRatingInput = Type.Object({
  organisationCode: Type.String({ minLength: 1, maxLength: 64 }),
  area: oneOf(AREA_KEYS),
  rating: Rating,
  evidence: Type.String({ minLength: 1, maxLength: 4000 }),
  links: Type.Optional(Type.Array(EvidenceLink, { maxItems: 20 })),
  assessor: Type.String({ minLength: 1, maxLength: 200 }),
  assessedOn: Type.String({ format: 'date', description: 'YYYY-MM-DD' }),
});
export type ReadinessRatingInput = Static<typeof ReadinessRatingInput>;

export const ReadinessRating = Type.Intersect([
  ReadinessRatingInput,
  Type.Object({
    id: Type.Integer(),
    links: Type.Array(EvidenceLink),
    recordedBy: Type.Union([Type.String(), Type.Null()]),
    recordedAt: Type.String(),
  }),
]);
export type ReadinessRating = Static<typeof ReadinessRating>;

const MaybeRating = Type.Union([Rating, Type.Null()], { description: 'null: not yet assessed' });

export const OrganisationReadiness = Type.Object({
  organisationCode: Type.String(),
  overall: MaybeRating,
  capacities: Type.Record(Type.String(), MaybeRating),
  areas: Type.Record(Type.String(), Type.Union([ReadinessRating, Type.Null()])),
});
export type OrganisationReadiness = Static<typeof OrganisationReadiness>;

export const ReadinessSummary = Type.Object({
  reorganisationCode: Type.String(),
  rule: Type.String({ description: 'The overall rating rule, in words' }),
  overall: MaybeRating,
  areas: Type.Record(Type.String(), MaybeRating, { description: 'Per area, the worst current rating among the organisations' }),
  organisations: Type.Array(OrganisationReadiness),
});
export type ReadinessSummary = Static<typeof ReadinessSummary>;
