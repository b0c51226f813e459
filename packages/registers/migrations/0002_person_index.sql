-- Person index: the source systems each organisation registers, the extracts loaded from
-- them, every source record in the standard person shape, the persons they are linked into
-- (with stable ids and history), the trained models, the builds, the clerical review queue
-- and reviewers' decisions. Every table and column carries a comment: they become the
-- export's data dictionary.

create table registers_person_systems (
  key text primary key check (key = organisation_code || '/' || code),
  organisation_code text not null references organisations (code) deferrable initially immediate,
  code text not null check (code ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name text not null check (length(name) between 1 and 200),
  mapping jsonb not null,
  created_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table registers_person_systems is 'Source systems holding records about people (council tax, electoral register, a trust''s PAS…), registered by the organisation that runs them.';
comment on column registers_person_systems.key is 'The system''s stable key: organisation code, a slash, system code (e.g. casterbridge/council-tax).';
comment on column registers_person_systems.organisation_code is 'The organisation that runs the system.';
comment on column registers_person_systems.code is 'The system''s code within its organisation (lower case, digits, hyphens).';
comment on column registers_person_systems.name is 'The system''s name as people know it.';
comment on column registers_person_systems.mapping is 'Which of the system''s own columns hold each field of the standard person shape.';
comment on column registers_person_systems.created_by is 'Username of who registered it.';
comment on column registers_person_systems.created_at is 'When it was registered.';
comment on column registers_person_systems.updated_at is 'When its name or mapping last changed.';

create table registers_person_loads (
  id bigserial primary key,
  system_key text not null references registers_person_systems (key) on update cascade deferrable initially immediate,
  file_name text not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  row_count integer not null check (row_count >= 0),
  added_count integer not null check (added_count >= 0),
  updated_count integer not null check (updated_count >= 0),
  unchanged_count integer not null check (unchanged_count >= 0),
  retired_count integer not null check (retired_count >= 0),
  refused_count integer not null check (refused_count >= 0),
  problems jsonb not null,
  loaded_by text,
  loaded_at timestamptz not null default now(),
  unique (system_key, sha256)
);
comment on table registers_person_loads is 'Extracts loaded from source systems: one row per load, accounting for every row of the file.';
comment on column registers_person_loads.id is 'Identifier of the load.';
comment on column registers_person_loads.system_key is 'The source system the extract came from.';
comment on column registers_person_loads.file_name is 'Name of the file as uploaded.';
comment on column registers_person_loads.sha256 is 'SHA-256 of the file: the same extract twice is refused.';
comment on column registers_person_loads.row_count is 'Data rows in the file.';
comment on column registers_person_loads.added_count is 'Rows that were new records.';
comment on column registers_person_loads.updated_count is 'Rows that changed a record already held.';
comment on column registers_person_loads.unchanged_count is 'Rows identical to the record already held.';
comment on column registers_person_loads.retired_count is 'Records held before but missing from this extract, now retired (never deleted).';
comment on column registers_person_loads.refused_count is 'Rows refused (see problems).';
comment on column registers_person_loads.problems is 'Each refused row: row number, column and why.';
comment on column registers_person_loads.loaded_by is 'Username of who loaded it.';
comment on column registers_person_loads.loaded_at is 'When it was loaded.';

create table registers_persons (
  id text primary key check (id ~ '^P[0-9A-Z]{10}$'),
  status text not null check (status in ('active', 'merged', 'retired')),
  merged_into text references registers_persons (id) deferrable initially deferred,
  record_count integer not null default 0 check (record_count >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table registers_persons is 'Persons of the index: each a cluster of source records about one person, with a Joinery person id that survives re-loads.';
comment on column registers_persons.id is 'Joinery person id: P and ten letters and digits (Crockford base 32).';
comment on column registers_persons.status is 'active; merged (into another person: see merged_into); or retired (no active record left).';
comment on column registers_persons.merged_into is 'The person this one was merged into.';
comment on column registers_persons.record_count is 'Active source records linked to this person.';
comment on column registers_persons.created_at is 'When the person was first made.';
comment on column registers_persons.updated_at is 'When the person''s records last changed.';

create table registers_person_records (
  id bigserial primary key,
  system_key text not null references registers_person_systems (key) on update cascade deferrable initially immediate,
  source_record_id text not null check (length(source_record_id) between 1 and 200),
  status text not null check (status in ('active', 'retired')),
  title text,
  given_name text,
  middle_names text,
  surname text,
  full_name text,
  date_of_birth text check (date_of_birth ~ '^\d{4}-\d{2}-\d{2}$'),
  sex text,
  nhs_number text check (nhs_number ~ '^\d{10}$'),
  address text,
  postcode text,
  uprn text check (uprn ~ '^\d{1,12}$'),
  phone text,
  email text,
  source_row jsonb not null,
  content_hash text not null,
  person_id text references registers_persons (id) deferrable initially deferred,
  first_load_id bigint references registers_person_loads (id) deferrable initially immediate,
  last_load_id bigint references registers_person_loads (id) deferrable initially immediate,
  updated_at timestamptz not null default now(),
  unique (system_key, source_record_id)
);
comment on table registers_person_records is 'Every record about a person held by a source system, in the standard person shape, with the row as the system gave it.';
comment on column registers_person_records.id is 'Identifier of the row (not stable across systems: use system_key and source_record_id).';
comment on column registers_person_records.system_key is 'The source system holding the record.';
comment on column registers_person_records.source_record_id is 'The record''s id in its own system.';
comment on column registers_person_records.status is 'active, or retired (missing from the system''s latest extract; kept, never deleted).';
comment on column registers_person_records.title is 'Title (Mr, Mrs, Dr…) as held.';
comment on column registers_person_records.given_name is 'First given name.';
comment on column registers_person_records.middle_names is 'Other given names.';
comment on column registers_person_records.surname is 'Surname (family name).';
comment on column registers_person_records.full_name is 'The name as one field, when the system holds it so.';
comment on column registers_person_records.date_of_birth is 'Date of birth, ISO 8601.';
comment on column registers_person_records.sex is 'Sex or gender as held (M, F, 1, 2, Female…).';
comment on column registers_person_records.nhs_number is 'NHS number, ten digits (modulus-11 checked on load).';
comment on column registers_person_records.address is 'The address on one line, as held.';
comment on column registers_person_records.postcode is 'Postcode, normalised (upper case, one space).';
comment on column registers_person_records.uprn is 'Unique Property Reference Number, when the system holds one.';
comment on column registers_person_records.phone is 'Telephone number as held.';
comment on column registers_person_records.email is 'Email address as held.';
comment on column registers_person_records.source_row is 'The row as the system gave it, column by column.';
comment on column registers_person_records.content_hash is 'SHA-256 of the row: tells a changed record from an unchanged one.';
comment on column registers_person_records.person_id is 'The person this record is linked to (null until the index is built).';
comment on column registers_person_records.first_load_id is 'The load that first brought the record.';
comment on column registers_person_records.last_load_id is 'The last load that added, changed, kept or retired it.';
comment on column registers_person_records.updated_at is 'When the record last changed.';
create index registers_person_records_by_person on registers_person_records (person_id);
create index registers_person_records_by_nhs_number on registers_person_records (nhs_number);
create index registers_person_records_by_surname on registers_person_records (lower(surname));

create table registers_person_models (
  version serial primary key,
  model jsonb not null,
  trained_from text not null check (trained_from in ('em', 'labels')),
  labelled_pairs integer not null default 0,
  record_count integer not null,
  trained_by text,
  trained_at timestamptz not null default now()
);
comment on table registers_person_models is 'Trained linkage models (Fellegi–Sunter m, u and λ), versioned: the newest is used until retrained.';
comment on column registers_person_models.version is 'Model version, counting up from 1.';
comment on column registers_person_models.model is 'The trained model with its settings (the linkage library''s model format).';
comment on column registers_person_models.trained_from is 'em: trained without labels; labels: m learnt from reviewers'' decisions.';
comment on column registers_person_models.labelled_pairs is 'Matching pairs the reviewers'' decisions gave, when trained from labels.';
comment on column registers_person_models.record_count is 'Source records it was trained on.';
comment on column registers_person_models.trained_by is 'Username of who trained it.';
comment on column registers_person_models.trained_at is 'When it was trained.';

create table registers_person_builds (
  id bigserial primary key,
  model_version integer not null references registers_person_models (version) deferrable initially immediate,
  record_count integer not null,
  person_count integer not null,
  new_person_count integer not null,
  merge_count integer not null,
  split_count integer not null,
  review_pair_count integer not null,
  threshold double precision not null,
  review_lower_bound double precision not null,
  seconds double precision not null,
  built_by text,
  built_at timestamptz not null default now()
);
comment on table registers_person_builds is 'Each build (or refresh) of the index: what it linked and what changed.';
comment on column registers_person_builds.id is 'Identifier of the build.';
comment on column registers_person_builds.model_version is 'The model that scored the pairs.';
comment on column registers_person_builds.record_count is 'Active source records linked.';
comment on column registers_person_builds.person_count is 'Persons after the build.';
comment on column registers_person_builds.new_person_count is 'Persons given a new id by this build.';
comment on column registers_person_builds.merge_count is 'Persons merged into another (their id retired, recorded in history).';
comment on column registers_person_builds.split_count is 'Persons split (the largest part kept the id, recorded in history).';
comment on column registers_person_builds.review_pair_count is 'Pairs left in the grey zone for clerical review.';
comment on column registers_person_builds.threshold is 'Match probability at or above which records were linked.';
comment on column registers_person_builds.review_lower_bound is 'Lowest match probability a pair needs to be reviewed.';
comment on column registers_person_builds.seconds is 'How long the build took.';
comment on column registers_person_builds.built_by is 'Username of who ran it.';
comment on column registers_person_builds.built_at is 'When it ran.';

create table registers_person_history (
  id bigserial primary key,
  person_id text not null references registers_persons (id) deferrable initially deferred,
  event text not null check (event in ('created', 'merged', 'absorbed', 'split', 'split-from', 'retired', 'record-registered')),
  other_person_ids text[] not null default '{}',
  build_id bigint references registers_person_builds (id) deferrable initially deferred,
  detail jsonb not null default '{}',
  occurred_at timestamptz not null default now()
);
comment on table registers_person_history is 'What happened to each person id: created, merged into another (and absorbed by it), split (and split from), retired.';
comment on column registers_person_history.id is 'Identifier of the event.';
comment on column registers_person_history.person_id is 'The person the event is about.';
comment on column registers_person_history.event is 'created, merged (this id retired into another), absorbed (this id took others in), split (parts of this person got new ids), split-from (this id was made from part of another), retired, record-registered.';
comment on column registers_person_history.other_person_ids is 'The other persons involved.';
comment on column registers_person_history.build_id is 'The build that made the change (null for real-time registration).';
comment on column registers_person_history.detail is 'Counts and record keys behind the change.';
comment on column registers_person_history.occurred_at is 'When it happened.';
create index registers_person_history_by_person on registers_person_history (person_id);

create table registers_person_review_pairs (
  id bigserial primary key,
  build_id bigint not null references registers_person_builds (id) deferrable initially immediate,
  left_system_key text not null,
  left_record_id text not null,
  right_system_key text not null,
  right_record_id text not null,
  match_probability double precision not null,
  match_weight double precision not null,
  explanation jsonb not null
);
comment on table registers_person_review_pairs is 'Transient: the clerical review queue of the newest build — pairs in the grey zone between the review lower bound and the threshold, not yet decided. Rebuilt by every build.';
comment on column registers_person_review_pairs.id is 'Identifier of the pair in the queue.';
comment on column registers_person_review_pairs.build_id is 'The build that found it.';
comment on column registers_person_review_pairs.left_system_key is 'First record''s system.';
comment on column registers_person_review_pairs.left_record_id is 'First record''s id in its system.';
comment on column registers_person_review_pairs.right_system_key is 'Second record''s system.';
comment on column registers_person_review_pairs.right_record_id is 'Second record''s id in its system.';
comment on column registers_person_review_pairs.match_probability is 'The pair''s match probability.';
comment on column registers_person_review_pairs.match_weight is 'The pair''s match weight (log2 odds).';
comment on column registers_person_review_pairs.explanation is 'Each comparison''s level and evidence.';

create table registers_person_decisions (
  left_system_key text not null,
  left_record_id text not null,
  right_system_key text not null,
  right_record_id text not null,
  decision text not null check (decision in ('same', 'different')),
  reason text not null check (length(reason) between 1 and 1000),
  match_probability double precision,
  decided_by text,
  decided_at timestamptz not null default now(),
  primary key (left_system_key, left_record_id, right_system_key, right_record_id),
  check ((left_system_key, left_record_id) < (right_system_key, right_record_id))
);
comment on table registers_person_decisions is 'Reviewers'' decisions on pairs of records, keyed by the records'' stable keys: respected by every build (same: always linked; different: never linked directly) and usable as training labels.';
comment on column registers_person_decisions.left_system_key is 'First record''s system (the pair is stored in key order).';
comment on column registers_person_decisions.left_record_id is 'First record''s id in its system.';
comment on column registers_person_decisions.right_system_key is 'Second record''s system.';
comment on column registers_person_decisions.right_record_id is 'Second record''s id in its system.';
comment on column registers_person_decisions.decision is 'same (one person) or different (two people).';
comment on column registers_person_decisions.reason is 'Why, in the reviewer''s words.';
comment on column registers_person_decisions.match_probability is 'The pair''s match probability when it was decided.';
comment on column registers_person_decisions.decided_by is 'Username of the reviewer.';
comment on column registers_person_decisions.decided_at is 'When it was decided.';
