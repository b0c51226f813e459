-- The estate's contracts: each organisation's contract register as imported (Local Government
-- Transparency Code 2015 §2.2), in the shape OCDS 1.1.5 exports, with the exit terms a
-- reorganisation needs (the LGR extension, packages/estate/README.md). Each import is a full
-- snapshot of the register: an organisation's current contracts are those of its latest import,
-- and earlier imports are kept. Every table and column carries a comment: they become the
-- export's data dictionary.

create table estate_contract_imports (
  id bigserial primary key,
  organisation_code text not null references organisations (code) deferrable initially immediate,
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
  unique (organisation_code, sha256)
);
comment on table estate_contract_imports is 'Contract registers imported: one row per import, accounting for every row of the file.';
comment on column estate_contract_imports.id is 'Identifier of the import.';
comment on column estate_contract_imports.organisation_code is 'The organisation whose contract register it is.';
comment on column estate_contract_imports.file_name is 'Name of the file as uploaded.';
comment on column estate_contract_imports.sha256 is 'SHA-256 of the file: the same file twice is refused.';
comment on column estate_contract_imports.row_count is 'Data rows in the file (always imported + refused).';
comment on column estate_contract_imports.imported_count is 'Rows stored as contracts.';
comment on column estate_contract_imports.refused_count is 'Rows refused, when the user asked to keep the valid rows (see problems).';
comment on column estate_contract_imports.mapping is 'Which column of the file held each contract field.';
comment on column estate_contract_imports.problems is 'Each problem of each refused row: row number, column and why.';
comment on column estate_contract_imports.imported_by is 'Username of who imported it (null from the command line).';
comment on column estate_contract_imports.imported_at is 'When it was imported.';

create table estate_contracts (
  id bigserial primary key,
  import_id bigint not null references estate_contract_imports (id) deferrable initially immediate,
  organisation_code text not null references organisations (code) deferrable initially immediate,
  row_number integer not null check (row_number >= 2),
  reference text not null check (length(reference) between 1 and 200),
  title text not null check (length(title) between 1 and 1000),
  description text,
  supplier_name text not null check (length(supplier_name) between 1 and 500),
  supplier_company_number text check (supplier_company_number ~ '^([0-9]{8}|[A-Z]{2}[0-9]{6})$'),
  supplier_charity_number text,
  value_gbp numeric(16, 2) check (value_gbp >= 0),
  start_date date,
  end_date date,
  review_date date,
  procurement_route text,
  is_sme_supplier boolean,
  is_vcse_supplier boolean,
  department text,
  cpv_code text check (cpv_code ~ '^[0-9]{8}(-[0-9])?$'),
  notice_period text check (notice_period ~ '^P[0-9]+[DWMY]$'),
  notice_served_date date,
  break_dates jsonb not null default '[]' check (jsonb_typeof(break_dates) = 'array'),
  termination_cost_gbp numeric(16, 2) check (termination_cost_gbp >= 0),
  is_auto_renewing boolean,
  is_novation_required boolean,
  has_change_of_control_clause boolean,
  source_row jsonb not null,
  unique (import_id, row_number),
  check (end_date is null or start_date is null or end_date >= start_date)
);
create index estate_contracts_organisation on estate_contracts (organisation_code, import_id);
comment on table estate_contracts is 'Contracts, one per row of an imported contract register; OCDS 1.1.5-shaped on export, with the LGR extension.';
comment on column estate_contracts.id is 'Identifier of the contract row.';
comment on column estate_contracts.import_id is 'The import it came from; an organisation''s current contracts are those of its latest import.';
comment on column estate_contracts.organisation_code is 'The organisation (the buyer) whose contract it is.';
comment on column estate_contracts.row_number is 'Its row in the imported file (the header is row 1).';
comment on column estate_contracts.reference is 'The council''s contract reference (Transparency Code: reference number). Several rows may share one: one procurement, several suppliers or lots. OCDS: tender.id, part of the ocid.';
comment on column estate_contracts.title is 'Title of the agreement. OCDS: contracts.title.';
comment on column estate_contracts.description is 'Description of the goods and services. OCDS: contracts.description.';
comment on column estate_contracts.supplier_name is 'The supplier''s name as the register gives it. OCDS: parties (role supplier).name.';
comment on column estate_contracts.supplier_company_number is 'The supplier''s Companies House number, normalised to 8 characters. OCDS: parties.identifier GB-COH.';
comment on column estate_contracts.supplier_charity_number is 'The supplier''s registered charity number (E&W digits, SC…, NIC…). OCDS: parties.additionalIdentifiers GB-CHC, GB-SC or GB-NIC.';
comment on column estate_contracts.value_gbp is 'Value of the contract over its term, pounds sterling. OCDS: contracts.value.';
comment on column estate_contracts.start_date is 'Start date. OCDS: contracts.period.startDate.';
comment on column estate_contracts.end_date is 'End date. OCDS: contracts.period.endDate.';
comment on column estate_contracts.review_date is 'Review date (Transparency Code). OCDS: a contract milestone of type assessment.';
comment on column estate_contracts.procurement_route is 'How it was procured, in the register''s words (e.g. Invitation to tender). OCDS: tender.procurementMethodDetails.';
comment on column estate_contracts.is_sme_supplier is 'Whether the supplier is a small or medium-sized enterprise (null: not stated). OCDS: parties.details.scale.';
comment on column estate_contracts.is_vcse_supplier is 'Whether the supplier is a voluntary, community or social enterprise (null: not stated). OCDS: parties.details.isVcse.';
comment on column estate_contracts.department is 'The directorate or service responsible. OCDS: tender.procuringEntity.';
comment on column estate_contracts.cpv_code is 'Common Procurement Vocabulary code. OCDS: tender.items.classification (scheme CPV).';
comment on column estate_contracts.notice_period is 'LGR extension: notice either party must give to end the contract, as an ISO 8601 duration as the contract states it (P90D, P12W, P3M, P1Y). OCDS: contracts.lgr.noticePeriod.';
comment on column estate_contracts.notice_served_date is 'LGR extension: when notice was served, if it has been. OCDS: contracts.lgr.noticeServedDate.';
comment on column estate_contracts.break_dates is 'LGR extension: dates on which the contract may be ended early (JSON array of YYYY-MM-DD). OCDS: contracts.lgr.breakDates.';
comment on column estate_contracts.termination_cost_gbp is 'LGR extension: what ending the contract early would cost, pounds. OCDS: contracts.lgr.terminationCost.';
comment on column estate_contracts.is_auto_renewing is 'LGR extension: whether the contract renews itself unless notice is given. OCDS: contracts.lgr.isAutoRenewing.';
comment on column estate_contracts.is_novation_required is 'LGR extension: whether the contract must be novated (transferred) to the successor council. OCDS: contracts.lgr.isNovationRequired.';
comment on column estate_contracts.has_change_of_control_clause is 'LGR extension: whether a change of control (such as a merger of councils) lets a party end or renegotiate it. OCDS: contracts.lgr.hasChangeOfControlClause.';
comment on column estate_contracts.source_row is 'The row as imported, every column by its header: nothing the register said is lost.';
