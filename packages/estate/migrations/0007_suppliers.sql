-- Suppliers, exit and resilience. Suppliers themselves are not stored: they are derived from the
-- current contracts and applications by the identity rule (src/suppliers/identity.ts), whose key
-- (coh-<Companies House number>, chc-<charity number>, name-<normalised name>) is what these
-- tables keep things against. Exit plans and terms key on the contract's organisation and its
-- own reference, never on estate_contracts.id (which changes with each import).

create table estate_supplier_assessments (
  id bigserial primary key,
  supplier_key text not null check (supplier_key ~ '^(coh|chc|name)-[A-Za-z0-9-]{1,200}$'),
  assessed_on date not null,
  source text not null check (length(source) between 1 and 200),
  evidence text,
  credit_risk text check (credit_risk in ('low', 'medium', 'high')),
  credit_rating text,
  credit_agency text,
  has_parent_guarantee boolean,
  parent_guarantor text,
  bcdr_tested_on date,
  bcdr_rto_hours numeric(10, 2) check (bcdr_rto_hours >= 0),
  bcdr_rpo_hours numeric(10, 2) check (bcdr_rpo_hours >= 0),
  bcdr_result text check (bcdr_result in ('passed', 'passed with issues', 'failed')),
  prompt_payment_percent numeric(5, 2) check (prompt_payment_percent between 0 and 100),
  performance_rag text check (performance_rag in ('green', 'amber', 'red')),
  performance_note text,
  stated_health text check (stated_health in ('stable', 'watch', 'at risk')),
  recorded_for text references organisations (code) deferrable initially immediate,
  recorded_by text,
  recorded_at timestamptz not null default now()
);
create index estate_supplier_assessments_supplier on estate_supplier_assessments (supplier_key, assessed_on);
comment on table estate_supplier_assessments is 'Supplier health assessments, kept as history: each indicator''s current value is the latest assessment that gives it.';
comment on column estate_supplier_assessments.id is 'Identifier of the assessment.';
comment on column estate_supplier_assessments.supplier_key is 'The supplier (identity rule: coh-, chc- or name- key).';
comment on column estate_supplier_assessments.assessed_on is 'The date the indicators were true.';
comment on column estate_supplier_assessments.source is 'Where they come from (a credit agency report, the supplier''s test report, contract monitoring).';
comment on column estate_supplier_assessments.evidence is 'A reference or link to the evidence.';
comment on column estate_supplier_assessments.credit_risk is 'Credit risk band read from the agency''s rating: low, medium or high.';
comment on column estate_supplier_assessments.credit_rating is 'The agency''s rating or score as it gives it.';
comment on column estate_supplier_assessments.credit_agency is 'The credit agency.';
comment on column estate_supplier_assessments.has_parent_guarantee is 'Whether a parent company guarantee is in place.';
comment on column estate_supplier_assessments.parent_guarantor is 'The guarantor.';
comment on column estate_supplier_assessments.bcdr_tested_on is 'When business continuity and disaster recovery were last tested.';
comment on column estate_supplier_assessments.bcdr_rto_hours is 'Recovery time objective the test showed, hours.';
comment on column estate_supplier_assessments.bcdr_rpo_hours is 'Recovery point objective the test showed, hours.';
comment on column estate_supplier_assessments.bcdr_result is 'How the test went: passed, passed with issues, failed.';
comment on column estate_supplier_assessments.prompt_payment_percent is 'Prompt-payment record: share of its own suppliers'' invoices paid within 30 days, per cent.';
comment on column estate_supplier_assessments.performance_rag is 'Contract performance, red / amber / green.';
comment on column estate_supplier_assessments.performance_note is 'What the performance rating rests on.';
comment on column estate_supplier_assessments.stated_health is 'The assessor''s own word: stable, watch or at risk.';
comment on column estate_supplier_assessments.recorded_for is 'The organisation the assessor acted for.';
comment on column estate_supplier_assessments.recorded_by is 'Username of who recorded it (null: loaded by the system, e.g. the demo).';
comment on column estate_supplier_assessments.recorded_at is 'When it was recorded.';

create table estate_supplier_resolution_plans (
  supplier_key text primary key check (supplier_key ~ '^(coh|chc|name)-[A-Za-z0-9-]{1,200}$'),
  owner text not null check (length(owner) between 1 and 200),
  status text not null check (status in ('draft', 'agreed', 'retired')),
  last_reviewed_on date,
  last_rehearsed_on date,
  next_rehearsal_due date,
  notes text,
  updated_by text,
  updated_at timestamptz not null default now()
);
comment on table estate_supplier_resolution_plans is 'Resolution plans ("living wills"): how a supplier''s services continue if the supplier fails. Changes are in the audit trail.';
comment on column estate_supplier_resolution_plans.supplier_key is 'The supplier (identity rule).';
comment on column estate_supplier_resolution_plans.owner is 'Who owns the plan.';
comment on column estate_supplier_resolution_plans.status is 'draft, agreed (in force) or retired.';
comment on column estate_supplier_resolution_plans.last_reviewed_on is 'When the plan was last reviewed.';
comment on column estate_supplier_resolution_plans.last_rehearsed_on is 'When it was last rehearsed.';
comment on column estate_supplier_resolution_plans.next_rehearsal_due is 'When the next rehearsal is due.';
comment on column estate_supplier_resolution_plans.notes is 'What the plan says, or where it is.';
comment on column estate_supplier_resolution_plans.updated_by is 'Username of who last changed it.';
comment on column estate_supplier_resolution_plans.updated_at is 'When it was last changed.';

create table estate_contract_exit_plans (
  organisation_code text not null references organisations (code) deferrable initially immediate,
  contract_reference text not null check (length(contract_reference) between 1 and 200),
  is_critical boolean,
  owner text,
  status text check (status in ('draft', 'agreed', 'retired')),
  last_reviewed_on date,
  last_rehearsed_on date,
  next_rehearsal_due date,
  notes text,
  exports_open_formats boolean,
  export_formats text,
  has_api_access boolean,
  api_charges text,
  has_escrow boolean,
  escrow_agent text,
  data_return_days integer check (data_return_days >= 0),
  updated_by text,
  updated_at timestamptz not null default now(),
  primary key (organisation_code, contract_reference)
);
comment on table estate_contract_exit_plans is 'Each contract''s exit plan and its data-portability and API terms, keyed by the contract''s organisation and reference. Changes are in the audit trail.';
comment on column estate_contract_exit_plans.organisation_code is 'The organisation holding the contract.';
comment on column estate_contract_exit_plans.contract_reference is 'The contract''s reference (estate_contracts.reference).';
comment on column estate_contract_exit_plans.is_critical is 'A user''s marking: critical (true), not critical (false); null: by the list of critical services.';
comment on column estate_contract_exit_plans.owner is 'Who owns the exit plan.';
comment on column estate_contract_exit_plans.status is 'draft, agreed (in force) or retired; null: no plan yet, only terms recorded.';
comment on column estate_contract_exit_plans.last_reviewed_on is 'When the plan was last reviewed.';
comment on column estate_contract_exit_plans.last_rehearsed_on is 'When the exit was last rehearsed.';
comment on column estate_contract_exit_plans.next_rehearsal_due is 'When the next rehearsal is due.';
comment on column estate_contract_exit_plans.notes is 'What the plan says, or where it is.';
comment on column estate_contract_exit_plans.exports_open_formats is 'Whether the council can export its data in open formats.';
comment on column estate_contract_exit_plans.export_formats is 'Which formats (CSV, JSON, XML…).';
comment on column estate_contract_exit_plans.has_api_access is 'Whether the council has API access to its data.';
comment on column estate_contract_exit_plans.api_charges is 'What API access costs.';
comment on column estate_contract_exit_plans.has_escrow is 'Whether source code is held in escrow.';
comment on column estate_contract_exit_plans.escrow_agent is 'The escrow agent.';
comment on column estate_contract_exit_plans.data_return_days is 'Days the supplier has to return the council''s data at exit.';
comment on column estate_contract_exit_plans.updated_by is 'Username of who last changed it.';
comment on column estate_contract_exit_plans.updated_at is 'When it was last changed.';
