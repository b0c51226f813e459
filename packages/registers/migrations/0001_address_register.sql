-- Address register: each predecessor's gazetteer as imported, the merged register keyed by
-- UPRN, the conflicts the merge found, and address-matching runs with their results.
-- Every table and column carries a comment: they become the export's data dictionary.

create table registers_gazetteers (
  id bigserial primary key,
  organisation_code text not null references organisations (code) deferrable initially immediate,
  format text not null check (format in ('dtf73', 'addressbase', 'open-uprn')),
  file_name text not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  address_count integer not null check (address_count >= 0),
  street_count integer not null check (street_count >= 0),
  imported_by text,
  imported_at timestamptz not null default now(),
  unique (organisation_code, sha256)
);
comment on table registers_gazetteers is 'Gazetteer files imported into the address register: one row per import.';
comment on column registers_gazetteers.id is 'Identifier of the import.';
comment on column registers_gazetteers.organisation_code is 'The authority whose gazetteer it is (its custodian).';
comment on column registers_gazetteers.format is 'File format: GeoPlace DTF 7.3 (dtf73), AddressBase-style CSV, or OS Open UPRN coordinates.';
comment on column registers_gazetteers.file_name is 'Name of the file as uploaded.';
comment on column registers_gazetteers.sha256 is 'SHA-256 of the file: the same file twice is refused.';
comment on column registers_gazetteers.address_count is 'Addresses read from the file.';
comment on column registers_gazetteers.street_count is 'Streets read from the file.';
comment on column registers_gazetteers.imported_by is 'Username of who imported it.';
comment on column registers_gazetteers.imported_at is 'When it was imported.';

create table registers_gazetteer_addresses (
  id bigserial primary key,
  gazetteer_id bigint not null references registers_gazetteers (id) on delete cascade deferrable initially immediate,
  uprn bigint not null check (uprn between 1 and 999999999999),
  status text not null check (status in ('approved', 'alternative', 'provisional', 'historical')),
  address jsonb not null
);
comment on table registers_gazetteer_addresses is 'Every address as each gazetteer holds it, before merging (kept so that the merge can be explained and redone).';
comment on column registers_gazetteer_addresses.id is 'Identifier of the row.';
comment on column registers_gazetteer_addresses.gazetteer_id is 'The import it came from.';
comment on column registers_gazetteer_addresses.uprn is 'Unique Property Reference Number.';
comment on column registers_gazetteer_addresses.status is 'BS 7666 logical status of the address in that gazetteer.';
comment on column registers_gazetteer_addresses.address is 'The address in the register''s shape (organisation, SAO, PAO, street, locality, town, postcode, classification, coordinates).';
create index registers_gazetteer_addresses_by_uprn on registers_gazetteer_addresses (uprn);

create table registers_addresses (
  uprn bigint primary key check (uprn between 1 and 999999999999),
  parent_uprn bigint,
  usrn bigint,
  single_line text not null,
  postcode text,
  street text,
  town text,
  classification text,
  latitude double precision,
  longitude double precision,
  authority text not null,
  address jsonb not null,
  updated_at timestamptz not null default now()
);
comment on table registers_addresses is 'The merged address register of the new authority: one approved address per UPRN.';
comment on column registers_addresses.uprn is 'Unique Property Reference Number.';
comment on column registers_addresses.parent_uprn is 'The UPRN of the building this address is inside (a flat''s block).';
comment on column registers_addresses.usrn is 'Unique Street Reference Number of its street.';
comment on column registers_addresses.single_line is 'The address on one line, as shown on pages and in search results.';
comment on column registers_addresses.postcode is 'Postcode, normalised (upper case, one space).';
comment on column registers_addresses.street is 'Street name.';
comment on column registers_addresses.town is 'Town name.';
comment on column registers_addresses.classification is 'AddressBase classification code (e.g. RD04 terraced house).';
comment on column registers_addresses.latitude is 'WGS84 latitude.';
comment on column registers_addresses.longitude is 'WGS84 longitude.';
comment on column registers_addresses.authority is 'Organisation code of the gazetteer the approved address came from.';
comment on column registers_addresses.address is 'The full address in the register''s shape.';
comment on column registers_addresses.updated_at is 'When the merge last changed this address.';
create index registers_addresses_by_postcode on registers_addresses (postcode);
create index registers_addresses_by_street on registers_addresses (lower(street));

create table registers_address_conflicts (
  id bigserial primary key,
  kind text not null check (kind in ('same-uprn-different-address', 'same-address-different-uprns')),
  uprns bigint[] not null,
  summary text not null,
  detail jsonb not null,
  found_at timestamptz not null default now()
);
comment on table registers_address_conflicts is 'Conflicts found when merging the predecessors'' gazetteers, for the address custodian to resolve.';
comment on column registers_address_conflicts.id is 'Identifier of the conflict.';
comment on column registers_address_conflicts.kind is 'One UPRN held with different addresses, or one address held under different UPRNs.';
comment on column registers_address_conflicts.uprns is 'The UPRNs involved.';
comment on column registers_address_conflicts.summary is 'One sentence saying what differs.';
comment on column registers_address_conflicts.detail is 'The addresses involved and which gazetteers hold them.';
comment on column registers_address_conflicts.found_at is 'When the merge found it.';

create table registers_match_runs (
  id bigserial primary key,
  organisation_code text not null references organisations (code) deferrable initially immediate,
  file_name text not null,
  row_count integer not null check (row_count >= 0),
  matched_count integer not null check (matched_count >= 0),
  review_count integer not null check (review_count >= 0),
  unmatched_count integer not null check (unmatched_count >= 0),
  threshold double precision not null,
  created_by text,
  created_at timestamptz not null default now()
);
comment on table registers_match_runs is 'Files of free-text addresses matched to UPRNs: one row per file.';
comment on column registers_match_runs.id is 'Identifier of the run.';
comment on column registers_match_runs.organisation_code is 'The organisation whose file it is.';
comment on column registers_match_runs.file_name is 'Name of the file as uploaded.';
comment on column registers_match_runs.row_count is 'Addresses in the file (every one has a result row).';
comment on column registers_match_runs.matched_count is 'Addresses matched with confidence at or above the threshold.';
comment on column registers_match_runs.review_count is 'Addresses whose best candidate is below the threshold but plausible: the review list.';
comment on column registers_match_runs.unmatched_count is 'Addresses with no plausible candidate.';
comment on column registers_match_runs.threshold is 'Match probability at or above which an address counts as matched.';
comment on column registers_match_runs.created_by is 'Username of who ran it.';
comment on column registers_match_runs.created_at is 'When it ran.';

create table registers_match_results (
  run_id bigint not null references registers_match_runs (id) on delete cascade deferrable initially immediate,
  row_number integer not null check (row_number >= 1),
  input_id text,
  input_text text not null,
  outcome text not null check (outcome in ('matched', 'review', 'unmatched')),
  uprn bigint,
  probability double precision,
  candidates jsonb not null,
  reviewed_uprn bigint,
  reviewed_by text,
  reviewed_at timestamptz,
  primary key (run_id, row_number)
);
comment on table registers_match_results is 'The result for each address of a matching run, with its candidates and any reviewer''s decision.';
comment on column registers_match_results.run_id is 'The run.';
comment on column registers_match_results.row_number is 'Row of the address in the uploaded file (1 is the first data row).';
comment on column registers_match_results.input_id is 'The row''s own identifier, when the file had one.';
comment on column registers_match_results.input_text is 'The address as given.';
comment on column registers_match_results.outcome is 'matched, review (a person should check) or unmatched.';
comment on column registers_match_results.uprn is 'The best candidate''s UPRN.';
comment on column registers_match_results.probability is 'The best candidate''s match probability.';
comment on column registers_match_results.candidates is 'The top candidates with their probabilities and explanations.';
comment on column registers_match_results.reviewed_uprn is 'The UPRN a reviewer chose (null: not reviewed, or reviewed as no match when reviewed_at is set).';
comment on column registers_match_results.reviewed_by is 'Username of the reviewer.';
comment on column registers_match_results.reviewed_at is 'When it was reviewed.';
