/** Kysely types for the estate's tables (see migrations/ for what each column means). */
import type { ColumnType, Generated } from 'kysely';
import type { ConvergenceTables } from './convergence/tables.ts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;
/** numeric comes back as a string from both engines; written as a number. */
type Numeric = ColumnType<string | null, number | null, number | null>;

export interface ContractImportsTable {
  id: Generated<number>;
  organisation_code: string;
  file_name: string;
  sha256: string;
  row_count: number;
  imported_count: number;
  refused_count: number;
  mapping: Json<unknown>;
  problems: Json<unknown>;
  imported_by: string | null;
  imported_at: CreatedAt;
}

export interface ContractsTable {
  id: Generated<number>;
  import_id: number;
  organisation_code: string;
  row_number: number;
  reference: string;
  title: string;
  description: string | null;
  supplier_name: string;
  supplier_company_number: string | null;
  supplier_charity_number: string | null;
  supplier_society_number: string | null;
  value_gbp: Numeric;
  start_date: string | null;
  end_date: string | null;
  review_date: string | null;
  procurement_route: string | null;
  is_sme_supplier: boolean | null;
  is_vcse_supplier: boolean | null;
  department: string | null;
  cpv_code: string | null;
  notice_period: string | null;
  notice_served_date: string | null;
  break_dates: Json<string[]>;
  termination_cost_gbp: Numeric;
  is_auto_renewing: boolean | null;
  is_novation_required: boolean | null;
  has_change_of_control_clause: boolean | null;
  source_row: Json<Record<string, string>>;
}

export interface ReorganisationsTable {
  code: string;
  name: string;
  successor_code: string;
  vesting_day: string;
  created_at: CreatedAt;
}

export interface InventoryImportsTable {
  id: Generated<number>;
  organisation_code: string;
  kind: 'applications' | 'integrations';
  file_name: string;
  sha256: string;
  row_count: number;
  imported_count: number;
  refused_count: number;
  mapping: Json<unknown>;
  problems: Json<unknown>;
  imported_by: string | null;
  imported_at: CreatedAt;
}

export interface ApplicationsTable {
  id: Generated<number>;
  import_id: number;
  organisation_code: string;
  row_number: number;
  reference: string;
  name: string;
  product: string | null;
  supplier_name: string | null;
  supplier_company_number: string | null;
  version: string | null;
  hosting: 'on-premises' | 'hosted' | 'saas' | null;
  capability: string | null;
  business_owner: string | null;
  user_count: number | null;
  data_held: string | null;
  annual_cost_gbp: Numeric;
  licence_model: string | null;
  end_of_support: string | null;
  contract_reference: string | null;
  source_row: Json<Record<string, string>>;
}

export interface IntegrationsTable {
  id: Generated<number>;
  import_id: number;
  organisation_code: string;
  row_number: number;
  reference: string;
  source_application: string;
  target_application: string;
  method: string | null;
  frequency: string | null;
  data_carried: string | null;
  carries_personal_data: boolean | null;
  owner: string | null;
  source_row: Json<Record<string, string>>;
}

export interface ImportMappingsTable {
  organisation_code: string;
  kind: 'contracts' | 'applications' | 'integrations';
  header_key: string;
  headers: Json<string[]>;
  mapping: Json<Record<string, string>>;
  saved_by: string | null;
  saved_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ReferenceImportsTable {
  id: Generated<number>;
  list: string;
  format: string;
  file_name: string;
  sha256: string;
  row_count: number;
  imported_count: number;
  refused_count: number;
  problems: Json<unknown>;
  is_current: boolean;
  imported_by: string | null;
  imported_at: CreatedAt;
}

export interface ReferenceServicesTable {
  import_id: number;
  identifier: number;
  label: string;
  description: string | null;
}

export interface ReferenceFunctionsTable {
  import_id: number;
  identifier: number;
  label: string;
  description: string | null;
  parent_identifier: number | null;
  parent_label: string | null;
}

export interface ReferenceFunctionServicesTable {
  import_id: number;
  function_id: number;
  service_id: number;
  service_label: string;
}

export interface ReferenceCouncilsTable {
  import_id: number;
  code: string;
  name: string;
  short_name: string | null;
  gss_code: string | null;
  local_authority_code: string | null;
  tier: string | null;
  parent_code: string | null;
  start_date: ColumnType<string | null, string | null, string | null>;
  end_date: ColumnType<string | null, string | null, string | null>;
  replaced_by: Json<string[]>;
}

export interface ReferenceServiceTiersTable {
  import_id: number;
  service_id: number;
  description: string;
  providing_tier: string;
}

export interface ApplicationClassificationsTable {
  organisation_code: string;
  application_reference: string;
  function_id: number | null;
  function_label: string | null;
  service_id: number | null;
  service_label: string | null;
  method: 'rule' | 'user';
  confidence: ColumnType<string, number, number>;
  reason: string;
  decided_by: string | null;
  decided_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ContractDecisionsTable {
  id: Generated<number>;
  reorganisation_code: string;
  organisation_code: string;
  reference: string;
  decision: 'novate' | 'extend' | 'exit' | 'consolidate';
  consolidate_into_organisation_code: string | null;
  consolidate_into_reference: string | null;
  owner: string;
  rationale: string;
  due_date: string | null;
  decided_by: string | null;
  decided_at: CreatedAt;
}

export interface SupplierAssessmentsTable {
  id: Generated<number>;
  supplier_key: string;
  assessed_on: string;
  source: string;
  evidence: string | null;
  credit_risk: 'low' | 'medium' | 'high' | null;
  credit_rating: string | null;
  credit_agency: string | null;
  has_parent_guarantee: boolean | null;
  parent_guarantor: string | null;
  bcdr_tested_on: string | null;
  bcdr_rto_hours: Numeric;
  bcdr_rpo_hours: Numeric;
  bcdr_result: 'passed' | 'passed with issues' | 'failed' | null;
  prompt_payment_percent: Numeric;
  performance_rag: 'green' | 'amber' | 'red' | null;
  performance_note: string | null;
  stated_health: 'stable' | 'watch' | 'at risk' | null;
  recorded_for: string | null;
  recorded_by: string | null;
  recorded_at: CreatedAt;
}

export interface DecisionRightsVersionsTable {
  reorganisation_code: string;
  version: number;
  matrix: Json<unknown>;
  change_note: string;
  saved_by: string | null;
  saved_at: CreatedAt;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  published_by: string | null;
}

export interface ReadinessRatingsTable {
  id: Generated<number>;
  reorganisation_code: string;
  organisation_code: string;
  area: string;
  rating: 'red' | 'amber' | 'green';
  evidence: string;
  links: Json<{ text: string; href: string }[]>;
  assessor: string;
  assessed_on: ColumnType<string, string, string>;
  recorded_by: string | null;
  recorded_at: CreatedAt;
}

export interface SupplierResolutionPlansTable {
  supplier_key: string;
  owner: string;
  status: 'draft' | 'agreed' | 'retired';
  last_reviewed_on: string | null;
  last_rehearsed_on: string | null;
  next_rehearsal_due: string | null;
  notes: string | null;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface BenefitsTable {
  reorganisation_code: string;
  reference: string;
  title: string;
  kind: 'cashable-saving' | 'cost-avoidance' | 'public-value';
  measure: string;
  unit: string;
  baseline: ColumnType<string, number, number>;
  target: ColumnType<string, number, number>;
  owner: string;
  evidence: string | null;
  due_date: string | null;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ContractExitPlansTable {
  organisation_code: string;
  contract_reference: string;
  is_critical: boolean | null;
  owner: string | null;
  status: 'draft' | 'agreed' | 'retired' | null;
  last_reviewed_on: string | null;
  last_rehearsed_on: string | null;
  next_rehearsal_due: string | null;
  notes: string | null;
  exports_open_formats: boolean | null;
  export_formats: string | null;
  has_api_access: boolean | null;
  api_charges: string | null;
  has_escrow: boolean | null;
  escrow_agent: string | null;
  data_return_days: number | null;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface BenefitMeasurementsTable {
  id: Generated<number>;
  reorganisation_code: string;
  benefit_reference: string;
  measured_on: string;
  value: ColumnType<string, number, number>;
  evidence: string | null;
  recorded_by: string | null;
  recorded_at: CreatedAt;
}

export interface BenefitGatesTable {
  reorganisation_code: string;
  benefit_reference: string;
  gate_number: number;
  kind: 'system-decommissioned' | 'api-available' | 'data-quality-threshold' | 'milestone';
  milestone: string;
  is_met: boolean;
  met_on: string | null;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ScorecardValuesTable {
  reorganisation_code: string;
  measure: 'api-usage' | 'component-reuse' | 'security-posture' | 'user-satisfaction' | 'time-to-onboard';
  period_start: string;
  value: ColumnType<string, number, number>;
  note: string | null;
  recorded_by: string | null;
  recorded_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

// A type, not an interface: Kysely's withTables needs an implicit index signature.
export type EstateTables = {
  estate_contract_imports: ContractImportsTable;
  estate_contracts: ContractsTable;
  estate_reorganisations: ReorganisationsTable;
  estate_inventory_imports: InventoryImportsTable;
  estate_applications: ApplicationsTable;
  estate_integrations: IntegrationsTable;
  estate_import_mappings: ImportMappingsTable;
  estate_reference_imports: ReferenceImportsTable;
  estate_reference_services: ReferenceServicesTable;
  estate_reference_functions: ReferenceFunctionsTable;
  estate_reference_function_services: ReferenceFunctionServicesTable;
  estate_reference_councils: ReferenceCouncilsTable;
  estate_reference_service_tiers: ReferenceServiceTiersTable;
  estate_application_classifications: ApplicationClassificationsTable;
  estate_contract_decisions: ContractDecisionsTable;
  estate_supplier_assessments: SupplierAssessmentsTable;
  estate_supplier_resolution_plans: SupplierResolutionPlansTable;
  estate_contract_exit_plans: ContractExitPlansTable;
  estate_decision_rights_versions: DecisionRightsVersionsTable;
  estate_readiness_ratings: ReadinessRatingsTable;
  estate_benefits: BenefitsTable;
  estate_benefit_measurements: BenefitMeasurementsTable;
  estate_benefit_gates: BenefitGatesTable;
  estate_scorecard_values: ScorecardValuesTable;
} & ConvergenceTables;
