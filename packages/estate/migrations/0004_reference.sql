-- Reference lists the estate classifies and reorganises against, imported from the files their
-- publishers release (Joinery ships no copies): the LGA/esd Local Government Service List (LGSL),
-- Function list and function → service mapping, the registers of councils (mySociety's, with
-- replaced-by links and dates; GOV.UK's, with tiers and parent counties) and GOV.UK's LGSL
-- providing tier. Each import is a version: the rows of a list are those of its current import
-- (a new file replaces them; the same file again changes nothing). And the classification of
-- each application against the Function list, by rule or by a person, keyed by the
-- organisation's own application reference so that it survives re-imports.

create table estate_reference_imports (
  id bigserial primary key,
  list text not null check (list in ('lgsl', 'functions', 'function-services', 'councils', 'lgsl-tiers')),
  format text not null check (length(format) between 1 and 40),
  file_name text not null check (length(file_name) between 1 and 200),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  row_count integer not null check (row_count >= 0),
  imported_count integer not null check (imported_count >= 0),
  refused_count integer not null check (refused_count >= 0),
  problems jsonb not null,
  is_current boolean not null,
  imported_by text,
  imported_at timestamptz not null default now(),
  check (row_count = imported_count + refused_count)
);
create unique index estate_reference_imports_current on estate_reference_imports (list, format) where is_current;
comment on table estate_reference_imports is 'Versions of reference lists imported: which file, when, how many rows; the current one of each list and format is the one in use.';
comment on column estate_reference_imports.id is 'Identifier of the import (the version).';
comment on column estate_reference_imports.list is 'Which list: lgsl, functions, function-services, councils or lgsl-tiers.';
comment on column estate_reference_imports.format is 'The publisher''s format: esd-csv, mysociety, govuk.';
comment on column estate_reference_imports.file_name is 'Name of the file imported.';
comment on column estate_reference_imports.sha256 is 'SHA-256 of the file: importing the current file again changes nothing.';
comment on column estate_reference_imports.row_count is 'Data rows in the file (imported + refused).';
comment on column estate_reference_imports.imported_count is 'Rows stored.';
comment on column estate_reference_imports.refused_count is 'Rows refused (see problems).';
comment on column estate_reference_imports.problems is 'Each refused row: row number, column and why.';
comment on column estate_reference_imports.is_current is 'Whether this version is the one in use (a newer file of the same list and format replaces it).';
comment on column estate_reference_imports.imported_by is 'Username of who imported it (null from the command line).';
comment on column estate_reference_imports.imported_at is 'When it was imported.';

create table estate_reference_services (
  import_id bigint not null references estate_reference_imports (id) deferrable initially immediate,
  identifier integer not null,
  label text not null,
  description text,
  primary key (import_id, identifier)
);
comment on table estate_reference_services is 'LGSL services (LGA/esd Local Government Service List) of each import.';
comment on column estate_reference_services.import_id is 'The import (version) it belongs to.';
comment on column estate_reference_services.identifier is 'The LGSL code, e.g. 1 (URI http://id.esd.org.uk/service/<identifier>).';
comment on column estate_reference_services.label is 'The service''s label, e.g. Council tax collection.';
comment on column estate_reference_services.description is 'The list''s description of the service.';

create table estate_reference_functions (
  import_id bigint not null references estate_reference_imports (id) deferrable initially immediate,
  identifier integer not null,
  label text not null,
  description text,
  parent_identifier integer,
  parent_label text,
  primary key (import_id, identifier)
);
comment on table estate_reference_functions is 'LGA/esd Function list entries of each import (two levels: 13 top-level functions and their children).';
comment on column estate_reference_functions.import_id is 'The import (version) it belongs to.';
comment on column estate_reference_functions.identifier is 'The function''s identifier (URI http://id.esd.org.uk/function/<identifier>).';
comment on column estate_reference_functions.label is 'The function''s label, e.g. Benefits.';
comment on column estate_reference_functions.description is 'The list''s description, if any.';
comment on column estate_reference_functions.parent_identifier is 'The parent function (null for a top-level function).';
comment on column estate_reference_functions.parent_label is 'The parent function''s label.';

create table estate_reference_function_services (
  import_id bigint not null references estate_reference_imports (id) deferrable initially immediate,
  function_id integer not null,
  service_id integer not null,
  service_label text not null,
  primary key (import_id, function_id, service_id)
);
comment on table estate_reference_function_services is 'The function → LGSL service mapping of each import (the function contains the service).';
comment on column estate_reference_function_services.import_id is 'The import (version) it belongs to.';
comment on column estate_reference_function_services.function_id is 'The function (estate_reference_functions.identifier).';
comment on column estate_reference_function_services.service_id is 'The LGSL service it contains (estate_reference_services.identifier).';
comment on column estate_reference_function_services.service_label is 'The service''s label as the mapping gives it.';

create table estate_reference_councils (
  import_id bigint not null references estate_reference_imports (id) deferrable initially immediate,
  code text not null,
  name text not null,
  short_name text,
  gss_code text,
  local_authority_code text,
  tier text check (tier in ('county', 'district', 'unitary', 'combined', 'other')),
  parent_code text,
  start_date date,
  end_date date,
  replaced_by jsonb not null,
  primary key (import_id, code)
);
create index estate_reference_councils_gss on estate_reference_councils (gss_code);
comment on table estate_reference_councils is 'Registers of councils of each import: mySociety''s (every council past and present, with what replaced it) or GOV.UK''s (current councils, tiers and parent counties).';
comment on column estate_reference_councils.import_id is 'The import (version) it belongs to.';
comment on column estate_reference_councils.code is 'The register''s key: the local-authority code (mySociety, e.g. BKM) or GOV.UK''s slug.';
comment on column estate_reference_councils.name is 'Official name, e.g. Buckinghamshire County Council.';
comment on column estate_reference_councils.short_name is 'Everyday name, e.g. Buckinghamshire County.';
comment on column estate_reference_councils.gss_code is 'The GSS (ONS) code of its area, e.g. E10000002.';
comment on column estate_reference_councils.local_authority_code is 'The ISO 3166-2:GB / BS 6879 local-authority code, e.g. BKM (mySociety''s key; null in GOV.UK''s register).';
comment on column estate_reference_councils.tier is 'county (upper tier), district (lower tier), unitary, combined (authority), or other.';
comment on column estate_reference_councils.parent_code is 'For a district: the code of its county in the same register.';
comment on column estate_reference_councils.start_date is 'When the council came into being, if the register says.';
comment on column estate_reference_councils.end_date is 'When it was abolished, if it has been.';
comment on column estate_reference_councils.replaced_by is 'JSON array of the codes of the councils that replaced it (empty if none).';

create table estate_reference_service_tiers (
  import_id bigint not null references estate_reference_imports (id) deferrable initially immediate,
  service_id integer not null,
  description text not null,
  providing_tier text not null check (providing_tier in ('county/unitary', 'district/unitary', 'all')),
  primary key (import_id, service_id)
);
comment on table estate_reference_service_tiers is 'GOV.UK''s LGSL providing tier of each import: which tier of council delivers each service.';
comment on column estate_reference_service_tiers.import_id is 'The import (version) it belongs to.';
comment on column estate_reference_service_tiers.service_id is 'The LGSL code.';
comment on column estate_reference_service_tiers.description is 'GOV.UK''s user-facing wording, e.g. Find out about free school meals.';
comment on column estate_reference_service_tiers.providing_tier is 'county/unitary, district/unitary or all.';

create table estate_application_classifications (
  organisation_code text not null references organisations (code) deferrable initially immediate,
  application_reference text not null check (length(application_reference) between 1 and 200),
  function_id integer,
  function_label text,
  service_id integer,
  service_label text,
  method text not null check (method in ('rule', 'user')),
  confidence numeric(4, 3) not null check (confidence between 0 and 1),
  reason text not null,
  decided_by text,
  decided_at timestamptz not null default now(),
  primary key (organisation_code, application_reference)
);
comment on table estate_application_classifications is 'What each application does, on the LGA Function list: by rule (recomputed) or by a person (kept until changed), keyed by the organisation''s own application reference so it survives re-imports.';
comment on column estate_application_classifications.organisation_code is 'The organisation that runs the application.';
comment on column estate_application_classifications.application_reference is 'The application''s reference (estate_applications.reference).';
comment on column estate_application_classifications.function_id is 'The LGA function (estate_reference_functions.identifier); null: the rules found none.';
comment on column estate_application_classifications.function_label is 'The function''s label when decided, e.g. Benefits.';
comment on column estate_application_classifications.service_id is 'An LGSL service, where one fits (estate_reference_services.identifier).';
comment on column estate_application_classifications.service_label is 'The service''s label when decided.';
comment on column estate_application_classifications.method is 'rule (the classifier decided; recomputed on each run) or user (a person decided; rules never overwrite it).';
comment on column estate_application_classifications.confidence is 'How sure: 0 to 1 (1 for a person''s decision).';
comment on column estate_application_classifications.reason is 'Why, in words: which words or synonym matched, or the person''s note.';
comment on column estate_application_classifications.decided_by is 'Username of who decided (null for rules).';
comment on column estate_application_classifications.decided_at is 'When it was decided.';
