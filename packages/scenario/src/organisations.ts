/**
 * The fixed cast of Wessex: five predecessor councils, the new unitary, and their partners.
 * Independent of seed and scale, so that other rooms and tests can name them.
 *
 * GSS codes use the real entity-type prefixes (E10 county, E07 non-metropolitan district,
 * E06 unitary) with serial numbers in the 0009xx range, which ONS has not issued; the ODS
 * codes J99001–J99004 and RW9 are likewise unused. All names are from Thomas Hardy's Wessex.
 */
import type { DemoUser, ScenarioOrganisation, ScenarioPartnership } from './model.ts';

const SUCCESSOR = 'wessex-council';

/** The district councils, in the order the scenario generates them. */
export const DISTRICT_CODES = ['casterbridge', 'budmouth', 'melchester', 'sandbourne'] as const;
export type DistrictCode = (typeof DISTRICT_CODES)[number];

/** Each GP practice takes its patients from one district (its catchment). */
export const GP_PRACTICES: readonly { code: string; ods: string; name: string; district: DistrictCode }[] = [
  { code: 'gp-j99001', ods: 'J99001', name: 'Durnover Surgery', district: 'casterbridge' },
  { code: 'gp-j99002', ods: 'J99002', name: 'Mellstock Medical Centre', district: 'budmouth' },
  { code: 'gp-j99003', ods: 'J99003', name: 'Weatherbury Health Centre', district: 'sandbourne' },
  { code: 'gp-j99004', ods: 'J99004', name: 'Shaston Practice', district: 'melchester' },
];

/**
 * Every organisation in the scenario.
 * @example WESSEX_ORGANISATIONS.find((o) => o.code === 'budmouth')?.name // 'Budmouth Borough Council'
 */
export const WESSEX_ORGANISATIONS: readonly ScenarioOrganisation[] = [
  {
    code: 'wessex-county',
    name: 'Wessex County Council',
    type: 'county-council',
    identifiers: [{ kind: 'gss', value: 'E10000901' }],
    predecessorOf: SUCCESSOR,
  },
  {
    code: 'casterbridge',
    name: 'Casterbridge District Council',
    type: 'district-council',
    identifiers: [{ kind: 'gss', value: 'E07000901' }],
    predecessorOf: SUCCESSOR,
  },
  {
    code: 'budmouth',
    name: 'Budmouth Borough Council',
    type: 'district-council',
    identifiers: [{ kind: 'gss', value: 'E07000902' }],
    predecessorOf: SUCCESSOR,
  },
  {
    code: 'melchester',
    name: 'Melchester City Council',
    type: 'district-council',
    identifiers: [{ kind: 'gss', value: 'E07000903' }],
    predecessorOf: SUCCESSOR,
  },
  {
    code: 'sandbourne',
    name: 'Sandbourne District Council',
    type: 'district-council',
    identifiers: [{ kind: 'gss', value: 'E07000904' }],
    predecessorOf: SUCCESSOR,
  },
  {
    code: SUCCESSOR,
    name: 'Wessex Council',
    type: 'unitary-authority',
    identifiers: [{ kind: 'gss', value: 'E06000901' }],
  },
  {
    code: 'wessex-hospitals',
    name: 'Wessex Hospitals NHS Foundation Trust',
    type: 'nhs-trust',
    identifiers: [{ kind: 'ods', value: 'RW9' }],
  },
  ...GP_PRACTICES.map((gp): ScenarioOrganisation => ({
    code: gp.code,
    name: gp.name,
    type: 'gp-practice',
    identifiers: [{ kind: 'ods', value: gp.ods }],
  })),
  {
    code: 'egdon-housing',
    name: 'Egdon Heath Housing Association',
    type: 'housing-association',
    // A registered society (Co-operative and Community Benefit Societies Act 2014): IP prefix.
    identifiers: [{ kind: 'companies-house', value: 'IP031234' }],
  },
];

/** The predecessor councils, abolished on vesting day. */
export const PREDECESSOR_CODES = WESSEX_ORGANISATIONS.filter((o) => o.predecessorOf).map((o) => o.code);

/**
 * The reorganisation itself: the five councils become Wessex Council on vesting day, two years
 * after the scenario's extracts are taken (as the 2026–28 English reorganisations are planned).
 * @example WESSEX_REORGANISATION.vestingDay // '2028-04-01'
 */
export const WESSEX_REORGANISATION = {
  code: 'wessex-lgr',
  name: 'Wessex Local Government Reorganisation Programme',
  successorCode: SUCCESSOR,
  vestingDay: '2028-04-01',
} as const;

/**
 * The federation and partnerships the organisations belong to.
 * @example WESSEX_PARTNERSHIPS.find((p) => p.code === 'wessex-lgr')?.members.length // 6
 */
export const WESSEX_PARTNERSHIPS: readonly ScenarioPartnership[] = [
  {
    code: 'wessex-federation',
    name: 'Wessex Data Exchange Federation',
    kind: 'federation',
    members: WESSEX_ORGANISATIONS.map((o) => o.code),
  },
  {
    code: 'wessex-ics',
    name: 'Wessex Integrated Care System',
    kind: 'integrated-care-system',
    members: ['wessex-hospitals', ...GP_PRACTICES.map((gp) => gp.code), SUCCESSOR, 'wessex-county'],
  },
  {
    code: 'wessex-lgr',
    name: 'Wessex Local Government Reorganisation Programme',
    kind: 'partnership',
    members: [...PREDECESSOR_CODES, SUCCESSOR],
  },
];

const councilAdmins = ['wessex-county', ...DISTRICT_CODES, SUCCESSOR, 'wessex-hospitals'];

/** Fixed demo sign-ins: an admin for each council and the trust, and a few working roles. */
export const DEMO_USERS: readonly DemoUser[] = [
  ...councilAdmins.map((code): DemoUser => ({
    username: `${code}.admin`,
    displayName: `${WESSEX_ORGANISATIONS.find((o) => o.code === code)!.name} administrator`,
    organisationCode: code,
    roles: ['admin'],
  })),
  {
    username: 'wessex-council.analyst',
    displayName: 'Grace Melbury (Office of Data Analytics)',
    organisationCode: SUCCESSOR,
    roles: ['analyst'],
  },
  {
    username: 'wessex-council.ig',
    displayName: 'Christopher Julian (Information Governance)',
    organisationCode: SUCCESSOR,
    roles: ['information-governance'],
  },
  {
    username: 'wessex-council.lgr',
    displayName: 'Elizabeth-Jane Newson (LGR Programme)',
    organisationCode: SUCCESSOR,
    roles: ['viewer', 'analyst'],
  },
  {
    username: 'wessex-hospitals.caseworker',
    displayName: 'Diggory Venn (Discharge Team)',
    organisationCode: 'wessex-hospitals',
    roles: ['caseworker'],
  },
  {
    username: 'budmouth.caseworker',
    displayName: 'Thomasin Yeobright (Housing Options)',
    organisationCode: 'budmouth',
    roles: ['caseworker'],
  },
  {
    username: 'egdon-housing.viewer',
    displayName: 'Clym Yeobright (Tenancy Services)',
    organisationCode: 'egdon-housing',
    roles: ['viewer'],
  },
];
