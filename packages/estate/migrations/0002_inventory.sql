-- The estate's inventory beside its contracts: each predecessor council's applications and the
-- integrations (data flows) between them, imported like contract registers (one row per import,
-- every file row accounted for; each import is a full snapshot and an organisation's current
-- inventory is its latest import of that kind). And the reorganisation the estate is planned
-- against: a successor, its predecessors (core's organisations.successor_code) and vesting day.
-- Rows from one import to the next are joined by the organisation's own reference (application
-- id, integration id, contract reference), never by our bigserial ids, which change per import.

create table estate_reorganisations (
  code text primary key check (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null check (length(name) between 1 and 200),
  successor_code text not null unique references organisations (code) deferrable initially immediate,
  vesting_day date not null,
  created_at timestamptz not null default now()
);
comment on table estate_reorganisations is 'Reorganisations being planned: a successor council formed from predecessors (those whose successor_code names it) on vesting day.';
comment on column estate_reorganisations.code is 'Joinery''s short identifier for the reorganisation (the partnership of the councils involved, when there is one).';
comment on column estate_reorganisations.name is 'The programme''s name, e.g. Wessex Local Government Reorganisation Programme.';
comment on column estate_reorganisations.successor_code is 'The new authority (organisations.code); its predecessors are the organisations whose successor_code names it.';
comment on column estate_reorganisations.vesting_day is 'The day the successor takes over and the predecessors are abolished.';
comment on column estate_reorganisations.created_at is 'When the reorganisation was recorded.';

create table estate_inventory_imports (
  id bigserial primary key,
  organisation_code text not null references organisations (code) deferrable initially immediate,
  kind text not null check (kind in ('applications', 'integrations')),
  file_name text not null check (length(file_name) between 1 and 200),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  row_count integer not null check (row_count >= 0),
  imported_count integer not null check (imported_count >= 0),
  refused_count integer not null check (refused_count >= 0),
  mapping jsonb not null,
  problems jsonb not null,
  imported_by text,
  imported_at timestamptz not null default now(),
  check (row_count = imported_count + refused_count),
  unique (organisation_code, kind, sha256)
);
comment on table estate_inventory_imports is 'Application and integration inventories imported: one row per import, accounting for every row of the file.';
comment on column estate_inventory_imports.id is 'Identifier of the import.';
comment on column estate_inventory_imports.organisation_code is 'The organisation whose inventory it is.';
comment on column estate_inventory_imports.kind is 'What the file lists: applications or integrations.';
comment on column estate_inventory_imports.file_name is 'Name of the file as uploaded.';
comment on column estate_inventory_imports.sha256 is 'SHA-256 of the file: the same file twice changes nothing.';
comment on column estate_inventory_imports.row_count is 'Data rows in the file (always imported + refused).';
comment on column estate_inventory_imports.imported_count is 'Rows stored.';
comment on column estate_inventory_imports.refused_count is 'Rows refused, when the user asked to keep the valid rows (see problems).';
comment on column estate_inventory_imports.mapping is 'Which column of the file held each field.';
comment on column estate_inventory_imports.problems is 'Each problem of each refused row: row number, column and why.';
comment on column estate_inventory_imports.imported_by is 'Username of who imported it (null from the command line).';
comment on column estate_inventory_imports.imported_at is 'When it was imported.';

create table estate_applications (
  id bigserial primary key,
  import_id bigint not null references estate_inventory_imports (id) deferrable initially immediate,
  organisation_code text not null references organisations (code) deferrable initially immediate,
  row_number integer not null check (row_number >= 2),
  reference text not null check (length(reference) between 1 and 200),
  name text not null check (length(name) between 1 and 500),
  product text,
  supplier_name text,
  supplier_company_number text check (supplier_company_number ~ '^([0-9]{8}|[A-Z]{2}[0-9]{6})$'),
  version text,
  hosting text check (hosting in ('on-premises', 'hosted', 'saas')),
  capability text,
  business_owner text,
  user_count integer check (user_count >= 0),
  data_held text,
  annual_cost_gbp numeric(16, 2) check (annual_cost_gbp >= 0),
  licence_model text,
  end_of_support date,
  contract_reference text,
  source_row jsonb not null,
  unique (import_id, row_number),
  unique (import_id, reference)
);
create index estate_applications_organisation on estate_applications (organisation_code, import_id);
comment on table estate_applications is 'Applications (systems) each organisation runs, one per row of an imported inventory.';
comment on column estate_applications.id is 'Identifier of the application row (changes with each import: join by reference).';
comment on column estate_applications.import_id is 'The import it came from; an organisation''s current applications are those of its latest applications import.';
comment on column estate_applications.organisation_code is 'The organisation that runs it.';
comment on column estate_applications.row_number is 'Its row in the imported file (the header is row 1).';
comment on column estate_applications.reference is 'The organisation''s own identifier for the application, unique within an import; integrations name applications by it.';
comment on column estate_applications.name is 'What the organisation calls it, e.g. Revenues and Benefits system.';
comment on column estate_applications.product is 'The product it is, e.g. the supplier''s product name.';
comment on column estate_applications.supplier_name is 'Who supplies it (null: built in-house).';
comment on column estate_applications.supplier_company_number is 'The supplier''s Companies House number, normalised to 8 characters.';
comment on column estate_applications.version is 'The version in use.';
comment on column estate_applications.hosting is 'Where it runs: on-premises, hosted (by a supplier, single tenant) or saas.';
comment on column estate_applications.capability is 'What it is for, in the organisation''s words (classified against the LGA function and service lists separately).';
comment on column estate_applications.business_owner is 'Who owns it in the business (a role or team).';
comment on column estate_applications.user_count is 'How many people use it.';
comment on column estate_applications.data_held is 'What data it holds, in words.';
comment on column estate_applications.annual_cost_gbp is 'What it costs a year (licences, support, hosting), pounds.';
comment on column estate_applications.licence_model is 'How it is licensed, e.g. subscription, perpetual, per-user, open source.';
comment on column estate_applications.end_of_support is 'When the supplier stops supporting this version, if announced.';
comment on column estate_applications.contract_reference is 'The contract it is bought under (estate_contracts.reference of the same organisation), if any.';
comment on column estate_applications.source_row is 'The row as imported, every column by its header: nothing the inventory said is lost.';

create table estate_integrations (
  id bigserial primary key,
  import_id bigint not null references estate_inventory_imports (id) deferrable initially immediate,
  organisation_code text not null references organisations (code) deferrable initially immediate,
  row_number integer not null check (row_number >= 2),
  reference text not null check (length(reference) between 1 and 200),
  source_application text not null check (length(source_application) between 1 and 200),
  target_application text not null check (length(target_application) between 1 and 200),
  method text,
  frequency text,
  data_carried text,
  carries_personal_data boolean,
  owner text,
  source_row jsonb not null,
  unique (import_id, row_number),
  unique (import_id, reference)
);
create index estate_integrations_organisation on estate_integrations (organisation_code, import_id);
comment on table estate_integrations is 'Integrations (data flows) between an organisation''s applications, one per row of an imported inventory.';
comment on column estate_integrations.id is 'Identifier of the integration row (changes with each import: join by reference).';
comment on column estate_integrations.import_id is 'The import it came from; an organisation''s current integrations are those of its latest integrations import.';
comment on column estate_integrations.organisation_code is 'The organisation that runs it.';
comment on column estate_integrations.row_number is 'Its row in the imported file (the header is row 1).';
comment on column estate_integrations.reference is 'The organisation''s own identifier for the integration, unique within an import.';
comment on column estate_integrations.source_application is 'The application the data flows from (estate_applications.reference of this organisation, or of another council in the same reorganisation).';
comment on column estate_integrations.target_application is 'The application the data flows to (estate_applications.reference of this organisation, or of another council in the same reorganisation).';
comment on column estate_integrations.method is 'How the data moves, e.g. API, file transfer, database link, manual re-keying, email.';
comment on column estate_integrations.frequency is 'How often, e.g. real time, daily, monthly, ad hoc.';
comment on column estate_integrations.data_carried is 'What data it carries, in words.';
comment on column estate_integrations.carries_personal_data is 'Whether it carries personal data (null: not stated).';
comment on column estate_integrations.owner is 'Who owns the flow (a role or team).';
comment on column estate_integrations.source_row is 'The row as imported, every column by its header.';
