-- Convergence: the choices a reorganisation makes about its predecessors' duplicate systems.
-- Scoring weights and switching-cost parameters (versioned: every save is a new version, the
-- current one is the highest), the per-application openness flags users record until contract
-- terms carry them, the target chosen per capability, and the staged plan (items, and the
-- stages with the hold point criteria that must be met before each starts). Applications are
-- named by (organisation_code, application_reference), never by ids that change per import.

create table estate_convergence_settings (
  reorganisation_code text not null references estate_reorganisations (code) deferrable initially immediate,
  kind text not null check (kind in ('weights', 'switching-cost')),
  version integer not null check (version >= 1),
  settings jsonb not null check (jsonb_typeof(settings) = 'object'),
  saved_by text,
  saved_at timestamptz not null default now(),
  primary key (reorganisation_code, kind, version)
);
comment on table estate_convergence_settings is 'Consolidation-score weights and switching-cost parameters per reorganisation; each save is a new version (the current is the highest), so every change is kept.';
comment on column estate_convergence_settings.reorganisation_code is 'The reorganisation they apply to.';
comment on column estate_convergence_settings.kind is 'weights (criterion → weight) or switching-cost (the cost formula''s parameters).';
comment on column estate_convergence_settings.version is 'Version number, 1 upwards.';
comment on column estate_convergence_settings.settings is 'The values (JSON object), as documented in docs/estate.md.';
comment on column estate_convergence_settings.saved_by is 'Username of who saved them (null: the defaults or the command line).';
comment on column estate_convergence_settings.saved_at is 'When they were saved.';

create table estate_convergence_flags (
  organisation_code text not null references organisations (code) deferrable initially immediate,
  application_reference text not null check (length(application_reference) between 1 and 200),
  has_open_api boolean,
  has_data_export boolean,
  updated_by text,
  updated_at timestamptz not null default now(),
  primary key (organisation_code, application_reference)
);
comment on table estate_convergence_flags is 'What users have recorded of an application''s openness ("adopt, not adapt"), until contract terms carry it.';
comment on column estate_convergence_flags.organisation_code is 'The organisation that runs the application.';
comment on column estate_convergence_flags.application_reference is 'The application (estate_applications.reference of that organisation).';
comment on column estate_convergence_flags.has_open_api is 'Whether it has an open, documented API at no extra charge (null: not known).';
comment on column estate_convergence_flags.has_data_export is 'Whether the contract lets the council export all its data in open formats (null: not known).';
comment on column estate_convergence_flags.updated_by is 'Username of who recorded it.';
comment on column estate_convergence_flags.updated_at is 'When it was recorded.';

create table estate_convergence_targets (
  reorganisation_code text not null references estate_reorganisations (code) deferrable initially immediate,
  capability_key text not null check (length(capability_key) between 1 and 200),
  organisation_code text not null references organisations (code) deferrable initially immediate,
  application_reference text not null check (length(application_reference) between 1 and 200),
  rationale text check (length(rationale) <= 2000),
  chosen_by text,
  chosen_at timestamptz not null default now(),
  primary key (reorganisation_code, capability_key)
);
comment on table estate_convergence_targets is 'The application chosen as the target for each duplicated capability: the others move to it.';
comment on column estate_convergence_targets.reorganisation_code is 'The reorganisation.';
comment on column estate_convergence_targets.capability_key is 'The capability, as capabilityKey() groups applications (normalised capability text).';
comment on column estate_convergence_targets.organisation_code is 'The organisation that runs the target application.';
comment on column estate_convergence_targets.application_reference is 'The target application (estate_applications.reference of that organisation).';
comment on column estate_convergence_targets.rationale is 'Why it was chosen, in words.';
comment on column estate_convergence_targets.chosen_by is 'Username of who chose it.';
comment on column estate_convergence_targets.chosen_at is 'When it was chosen.';

create table estate_convergence_plan_items (
  reorganisation_code text not null references estate_reorganisations (code) deferrable initially immediate,
  item_key text not null check (length(item_key) between 1 and 500),
  stage text not null check (stage in ('stabilise', 'converge', 'optimise')),
  kind text not null check (kind in ('protect', 'choose-target', 'move', 'optimise')),
  title text not null check (length(title) between 1 and 500),
  capability_key text,
  organisation_code text,
  application_reference text,
  target_organisation_code text,
  target_application_reference text,
  start_date date not null,
  end_date date not null,
  notice_by date,
  depends_on jsonb not null default '[]' check (jsonb_typeof(depends_on) = 'array'),
  is_protected boolean not null default false,
  reasons jsonb not null default '[]' check (jsonb_typeof(reasons) = 'array'),
  notes text check (length(notes) <= 4000),
  is_edited boolean not null default false,
  updated_by text,
  updated_at timestamptz not null default now(),
  primary key (reorganisation_code, item_key),
  check (end_date >= start_date)
);
comment on table estate_convergence_plan_items is 'The staged convergence plan: one row per piece of work, generated from contract dates, dependencies and the chosen targets, then edited by people.';
comment on column estate_convergence_plan_items.reorganisation_code is 'The reorganisation.';
comment on column estate_convergence_plan_items.item_key is 'Stable key of the item (e.g. move:casterbridge/CDC-APP-001), so that generating again keeps edits.';
comment on column estate_convergence_plan_items.stage is 'stabilise (day one safe and legal), converge (each capability onto its target) or optimise.';
comment on column estate_convergence_plan_items.kind is 'protect (a day-one-critical capability), choose-target, move (an application to its target) or optimise.';
comment on column estate_convergence_plan_items.title is 'What is to be done, in words.';
comment on column estate_convergence_plan_items.capability_key is 'The capability it concerns (capabilityKey()).';
comment on column estate_convergence_plan_items.organisation_code is 'The organisation of the application it concerns, if one.';
comment on column estate_convergence_plan_items.application_reference is 'The application it concerns (reference within organisation_code), if one.';
comment on column estate_convergence_plan_items.target_organisation_code is 'For a move: the organisation of the target application.';
comment on column estate_convergence_plan_items.target_application_reference is 'For a move: the target application.';
comment on column estate_convergence_plan_items.start_date is 'When the work starts.';
comment on column estate_convergence_plan_items.end_date is 'When the work ends (for a move: the application is retired).';
comment on column estate_convergence_plan_items.notice_by is 'The last day to give notice on the application''s contract (end date minus notice period), if known.';
comment on column estate_convergence_plan_items.depends_on is 'Keys of the items that must end first (JSON array).';
comment on column estate_convergence_plan_items.is_protected is 'A day-one-critical capability (payroll, email, customer access, statutory services): not to be changed before the stabilise stage is complete.';
comment on column estate_convergence_plan_items.reasons is 'Why the dates are what they are (JSON array of sentences).';
comment on column estate_convergence_plan_items.notes is 'People''s notes.';
comment on column estate_convergence_plan_items.is_edited is 'Whether someone changed its stage or dates: generating again keeps them.';
comment on column estate_convergence_plan_items.updated_by is 'Username of who last changed it (null: generated).';
comment on column estate_convergence_plan_items.updated_at is 'When it was last changed.';

create table estate_convergence_stages (
  reorganisation_code text not null references estate_reorganisations (code) deferrable initially immediate,
  stage text not null check (stage in ('stabilise', 'converge', 'optimise')),
  status text not null default 'not-started' check (status in ('not-started', 'started', 'complete')),
  hold_point jsonb not null default '[]' check (jsonb_typeof(hold_point) = 'array'),
  started_at timestamptz,
  updated_by text,
  updated_at timestamptz not null default now(),
  primary key (reorganisation_code, stage)
);
comment on table estate_convergence_stages is 'The plan''s three stages, each with the hold point before it: criteria (performance, risk, benefits) that must all be met before the stage may start.';
comment on column estate_convergence_stages.reorganisation_code is 'The reorganisation.';
comment on column estate_convergence_stages.stage is 'stabilise, converge or optimise.';
comment on column estate_convergence_stages.status is 'not-started, started or complete.';
comment on column estate_convergence_stages.hold_point is 'The hold point''s criteria: JSON array of {id, kind (performance, risk or benefits), text, isMet, evidence}.';
comment on column estate_convergence_stages.started_at is 'When the stage was marked started.';
comment on column estate_convergence_stages.updated_by is 'Username of who last changed it.';
comment on column estate_convergence_stages.updated_at is 'When it was last changed.';
