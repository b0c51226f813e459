/**
 * The source systems of Wessex: which organisation runs each, what it is for, and the
 * columns of its extract. Fixed for every seed and scale.
 *
 * Each kind keeps its own layout on purpose — "surname, forenames, dob dd/mm/yyyy" in one,
 * "SMITH, John A" in another, ISO dates and split address lines in a third — because that
 * is what the person index must cope with when it reads real extracts.
 */
import type { ScenarioSourceSystem } from '../model.ts';
import type { SystemKind } from '../errors-model.ts';
import { DISTRICT_CODES, GP_PRACTICES } from '../organisations.ts';

export interface SystemKindInfo {
  kind: SystemKind;
  name: string;
  description: string;
  columns: string[];
}

// The first column of each is the record id.
// prettier-ignore
export const SYSTEM_KINDS: Readonly<Record<SystemKind, SystemKindInfo>> = {
  'council-tax': {
    kind: 'council-tax',
    name: 'Council tax',
    description:
      'Council tax accounts: the adults liable at each home, live and closed, back to when they moved in. ' +
      'Knows the property well and the person less well; date of birth is usually missing.',
    columns: [
      'account_ref', 'title', 'surname', 'forenames', 'date_of_birth', 'property_ref', 'address_1', 'address_2', 'address_3', 'address_4',
      'postcode', 'liable_from', 'liable_to', 'account_status', 'phone', 'email',
    ],
  },
  'electoral-register': {
    kind: 'electoral-register',
    name: 'Electoral register',
    description:
      'The register of electors as at the scenario date, with dates of birth from individual electoral ' +
      'registration. Verified against DWP records and canvassed yearly, so the cleanest source.',
    columns: [
      'elector_number', 'title', 'surname', 'forenames', 'dob', 'address_1', 'address_2', 'address_3', 'postcode', 'registered_on',
      'franchise',
    ],
  },
  'housing-register': {
    kind: 'housing-register',
    name: 'Housing register and housing options',
    description:
      'Applicants for social housing and people who approached the council as homeless or at risk of it. ' +
      'Names keyed as "SURNAME, Forename I"; one-line addresses, some of them "No fixed abode".',
    columns: [
      'application_id', 'applicant_name', 'dob', 'current_address', 'phone', 'email', 'household_size', 'band', 'application_date',
      'status', 'reason',
    ],
  },
  benefits: {
    kind: 'benefits',
    name: 'Housing benefit and council tax reduction',
    description:
      'Claims and the people in each claim (claimant, partner, dependants). Identity is checked with DWP, ' +
      'so names and dates of birth are good; ISO dates.',
    columns: [
      'person_ref', 'claim_ref', 'role', 'first_name', 'last_name', 'date_of_birth', 'address_line_1', 'address_line_2', 'address_line_3',
      'postcode', 'claim_start', 'claim_end',
    ],
  },
  'waste-crm': {
    kind: 'waste-crm',
    name: 'Waste services CRM',
    description:
      'Contact-centre cases about bins: the caller’s name as typed during a phone call, a free-text ' +
      'address, often no postcode. The messiest source; the same caller appears many times.',
    columns: ['case_no', 'contact_name', 'phone', 'email', 'address', 'case_type', 'opened', 'status'],
  },
  'adult-social-care': {
    kind: 'adult-social-care',
    name: 'Adult social care case management',
    description: 'People referred for adult social care, mostly older people; NHS number usually recorded; ' + 'dates as 03-Feb-1941.',
    columns: [
      'client_id', 'nhs_number', 'forename', 'surname', 'date_of_birth', 'gender', 'address', 'postcode', 'gp_practice_code',
      'primary_support_reason', 'referral_date', 'status',
    ],
  },
  'childrens-services': {
    kind: 'childrens-services',
    name: 'Children’s social care',
    description: 'Children referred to children’s services; one full-name field; NHS number in about half.',
    columns: [
      'child_id', 'full_name', 'dob', 'sex', 'nhs_no', 'address_line_1', 'address_line_2', 'town', 'postcode', 'referral_date',
      'referral_source', 'status',
    ],
  },
  pas: {
    kind: 'pas',
    name: 'Patient administration system',
    description:
      'Everyone who has attended the hospitals: hospital number, spaced NHS number, SURNAME in capitals, ' +
      'dates as yyyymmdd, sex as NHS codes (1 male, 2 female). Addresses lag behind moves.',
    columns: [
      'hospital_number', 'nhs_number', 'surname', 'forename', 'date_of_birth', 'sex', 'address_line_1', 'address_line_2',
      'address_line_3', 'address_line_4', 'postcode', 'registered_gp', 'phone', 'registered_on',
    ],
  },
  'gp-registrations': {
    kind: 'gp-registrations',
    name: 'GP patient registrations',
    description:
      'Registrations at the practice, current and past, with NHS number (nearly always), ISO dates of birth ' + 'and addresses in parts.',
    columns: [
      'patient_id', 'nhs_number', 'title', 'first_names', 'surname', 'dob', 'gender', 'house', 'street', 'locality', 'town', 'postcode',
      'phone', 'email', 'registered_on', 'deregistered_on', 'deregistration_reason',
    ],
  },
  tenancies: {
    kind: 'tenancies',
    name: 'Tenancy management',
    description:
      'Egdon Heath’s tenants, current and former, with joint tenants sharing a tenancy reference; ' + 'names as "Surname, Forename".',
    columns: [
      'tenant_no', 'tenancy_ref', 'tenant_name', 'date_of_birth', 'property_address', 'tenancy_start', 'tenancy_end', 'end_reason',
      'tenure_type', 'phone', 'email',
    ],
  },
};

const DISTRICT_KINDS: SystemKind[] = ['council-tax', 'electoral-register', 'housing-register', 'benefits', 'waste-crm'];

function system(organisationCode: string, kind: SystemKind, nameSuffix = ''): ScenarioSourceSystem {
  const info = SYSTEM_KINDS[kind];
  return {
    code: `${organisationCode}/${kind}`,
    organisationCode,
    name: `${info.name}${nameSuffix}`,
    kind,
    description: info.description,
    columns: [...info.columns],
    idColumn: info.columns[0]!,
  };
}

/**
 * Every source system, in a fixed order: the districts' five each, the county's two, the
 * trust's PAS, each practice's registrations and the housing association's tenancies.
 */
export function listSourceSystems(): ScenarioSourceSystem[] {
  return [
    ...DISTRICT_CODES.flatMap((d) => DISTRICT_KINDS.map((kind) => system(d, kind))),
    system('wessex-county', 'adult-social-care'),
    system('wessex-county', 'childrens-services'),
    system('wessex-hospitals', 'pas'),
    ...GP_PRACTICES.map((gp) => system(gp.code, 'gp-registrations', ` (${gp.name})`)),
    system('egdon-housing', 'tenancies'),
  ];
}
