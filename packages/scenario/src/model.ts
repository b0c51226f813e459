/**
 * The shapes of the Wessex scenario. Everything is plain data (strings, numbers, arrays) so
 * that it can be written to CSV and JSON as is, and loaded by any room without this package.
 */
import type { NameOrigin } from './names.ts';

/** How to generate: the same seed and scale always give byte-identical output. */
export interface ScenarioOptions {
  /** Default 1. Any number or string; strings are hashed. */
  seed?: number | string;
  /** Default 1 (≈ 40,000 properties, ≈ 100,000 people). Must be > 0; fractions allowed. */
  scale?: number;
}

export type OrganisationType =
  'county-council' | 'district-council' | 'unitary-authority' | 'nhs-trust' | 'gp-practice' | 'housing-association' | 'strategic-authority';

export interface OrganisationIdentifier {
  kind: 'gss' | 'ods' | 'companies-house' | 'charity';
  value: string;
}

export interface ScenarioOrganisation {
  code: string;
  name: string;
  type: OrganisationType;
  identifiers: OrganisationIdentifier[];
  /** The successor's code, for councils abolished at vesting day. */
  predecessorOf?: string;
}

export interface ScenarioPartnership {
  code: string;
  name: string;
  kind: 'federation' | 'partnership' | 'integrated-care-system';
  /** Organisation codes. */
  members: string[];
}

export type DemoRole = 'admin' | 'viewer' | 'analyst' | 'caseworker' | 'information-governance';

/** A demo sign-in. No password here: the loader makes them. */
export interface DemoUser {
  username: string;
  displayName: string;
  organisationCode: string;
  roles: DemoRole[];
}

export interface ScenarioStreet {
  usrn: string;
  name: string;
  /** A village or suburb, or '' for a street in the post town itself. */
  locality: string;
  town: string;
  /** The district council's organisation code. */
  district: string;
}

export interface ScenarioProperty {
  uprn: string;
  usrn: string;
  /** Secondary addressable object, e.g. 'Flat 2'. */
  saoText?: string;
  paoStartNumber?: number;
  /** A house or building name, e.g. 'Rose Cottage', 'Farfrae Court'. */
  paoText?: string;
  streetName: string;
  locality?: string;
  town: string;
  postcode: string;
  district: string;
  /** AddressBase classification, e.g. 'RD04' terraced house, 'RD06' flat, 'CR08' shop. */
  classification: string;
  lat: number;
  lng: number;
}

export interface ScenarioSourceSystem {
  /** `<organisation code>/<system>`, e.g. 'casterbridge/council-tax'. */
  code: string;
  organisationCode: string;
  name: string;
  /** The system without its organisation, e.g. 'council-tax'. */
  kind: string;
  description: string;
  /** The extract's columns, in order; the first is the record id. */
  columns: string[];
  /** The column holding the record id (unique within the system). */
  idColumn: string;
}

/** One row of a source extract: every value a string, '' when the system holds nothing. */
export type SourceRecord = Record<string, string>;

/** The kinds of error the error model puts into source records (see errors-model.ts). */
export type ErrorKind =
  | 'typo-given-name'
  | 'typo-surname'
  | 'nickname'
  | 'initial-only'
  | 'names-swapped'
  | 'day-month-transposed'
  | 'dob-missing'
  | 'nhs-number-missing'
  | 'postcode-missing'
  | 'stale-address'
  | 'old-surname'
  | 'double-barrel-dropped'
  | 'case-noise'
  | 'spacing-noise'
  | 'title-in-name'
  | 'duplicate'
  | 'diacritics-stripped'
  | 'phone-missing'
  | 'email-missing'
  | 'address-abbreviated'
  | 'typo-address';

/** Ground truth: which true person one source record is about. */
export interface TruthLink {
  systemCode: string;
  recordId: string;
  personId: string;
  /** The UPRN of the address the record holds (undefined when it holds none): address matching's truth. */
  uprn?: string;
  /** The errors the model put into this record, for evaluation and tests. */
  errors: ErrorKind[];
}

export type HouseholdRole = 'head' | 'partner' | 'child' | 'other';

/** Where someone lived, and when. `to` is absent for the current address. */
export interface AddressSpell {
  uprn: string;
  district: string;
  from: string;
  to?: string;
  role: HouseholdRole;
}

/** A true person: what every source system is an imperfect copy of. */
export interface TruePerson {
  personId: string;
  sex: 'F' | 'M';
  givenName: string;
  middleNames: string[];
  /** Surname at the scenario date. */
  surname: string;
  birthSurname: string;
  /** Every surname held, oldest first, with the date it was taken. */
  surnameHistory: { surname: string; from: string }[];
  dateOfBirth: string;
  dateOfDeath?: string;
  nhsNumber: string;
  phone?: string;
  email?: string;
  origin: NameOrigin;
  /** Oldest first. */
  addresses: AddressSpell[];
  /** When they came into the county's records (window start, birth, or moving in). */
  arrivedOn: string;
  /** When they moved out of the county, if they did. */
  leftOn?: string;
}

/** Kept apart from the extracts: it must be possible to publish the extracts alone. */
export interface ScenarioTruth {
  persons: TruePerson[];
  links: TruthLink[];
}

export interface ScenarioSupplier {
  id: string;
  name: string;
  companiesHouseNumber: string;
  isSme: boolean;
  /** A voluntary, community or social enterprise. */
  isVcse: boolean;
  /** A plain-words note on the supplier's health, for exit planning. */
  health: 'stable' | 'watch' | 'at risk';
}

export type Hosting = 'on-premises' | 'hosted' | 'saas';
export type LicenceModel = 'perpetual' | 'subscription' | 'per-user' | 'enterprise agreement' | 'open source';

export interface ScenarioApplication {
  id: string;
  organisationCode: string;
  name: string;
  product: string;
  supplierId: string;
  supplierName: string;
  version: string;
  hosting: Hosting;
  capability: string;
  businessOwner: string;
  users: number;
  annualCost: number;
  licenceModel: LicenceModel;
  /** ISO date, or '' when the supplier has not announced one. */
  endOfSupport: string;
  /** The contract this application is bought under, or '' (in-house, open source). */
  contractReference: string;
  /** The source system codes (see sourceSystems) this application holds, if any. */
  sourceSystemCodes: string[];
}

/** A contract-register row, after the Local Government Transparency Code 2015 §2.2. */
export interface ScenarioContract {
  reference: string;
  organisationCode: string;
  title: string;
  description: string;
  supplierId: string;
  supplierName: string;
  supplierCompaniesHouseNumber: string;
  department: string;
  /** Total value over the term, pounds. */
  value: number;
  annualValue: number;
  startDate: string;
  endDate: string;
  reviewDate: string;
  noticePeriodMonths: number;
  terminationCost: number;
  isAutoRenewing: boolean;
  cpvCode: string;
  cpvLabel: string;
  procurementRoute: string;
  isSmeSupplier: boolean;
  isVcseSupplier: boolean;
}

export type IntegrationMethod = 'file transfer' | 'API' | 'database link' | 'manual re-keying' | 'email';

export interface ScenarioIntegration {
  id: string;
  organisationCode: string;
  sourceApplicationId: string;
  targetApplicationId: string;
  method: IntegrationMethod;
  frequency: 'real time' | 'hourly' | 'daily' | 'weekly' | 'monthly' | 'annually' | 'ad hoc';
  dataCarried: string;
  carriesPersonalData: boolean;
}

export interface ScenarioAdmission {
  admissionId: string;
  /** The PAS record (hospital number) of the patient: join to truth through it. */
  patientRecordId: string;
  hospitalNumber: string;
  /** As the PAS holds it: spaced, or '' when unknown. */
  nhsNumber: string;
  admittedOn: string;
  dischargedOn: string;
  admissionMethod: 'emergency' | 'elective' | 'maternity';
  specialty: string;
  ward: string;
  dischargeDestination: string;
  /** 'NFA' (no fixed abode) or the postcode recorded at discharge. */
  dischargeAddress: string;
}

export interface ScenarioHousingCase {
  caseId: string;
  organisationCode: string;
  /** The housing-register system holding the applicant, e.g. 'budmouth/housing-register'. */
  applicantSystemCode: string;
  applicantRecordId: string;
  reason: string;
  openedOn: string;
  /** '' while open. */
  closedOn: string;
  outcome: string;
  /** Where the case was referred from (a duty to refer, Homelessness Reduction Act 2017 s.213B). */
  referredBy: string;
}

/** The whole synthetic reorganisation. */
export interface WessexScenario {
  seed: number | string;
  scale: number;
  /** The scenario's fixed "today", never the clock. */
  generatedAt: string;
  organisations: readonly ScenarioOrganisation[];
  partnerships: readonly ScenarioPartnership[];
  demoUsers: DemoUser[];
  streets: ScenarioStreet[];
  properties: ScenarioProperty[];
  sourceSystems: ScenarioSourceSystem[];
  /** Records per source system code. */
  sourceExtracts: Record<string, SourceRecord[]>;
  truth: ScenarioTruth;
  applications: ScenarioApplication[];
  suppliers: ScenarioSupplier[];
  contracts: ScenarioContract[];
  integrations: ScenarioIntegration[];
  admissions: ScenarioAdmission[];
  housingCases: ScenarioHousingCase[];
}

export interface ScenarioFileEntry {
  /** Relative to the scenario folder, with forward slashes. */
  path: string;
  rows: number;
  bytes: number;
  sha256: string;
  /** True for files under truth/: never hand them to the system being evaluated. */
  isGroundTruth: boolean;
}

export interface ScenarioFileManifest {
  generator: '@joinery/scenario';
  seed: number | string;
  scale: number;
  generatedAt: string;
  files: ScenarioFileEntry[];
}
