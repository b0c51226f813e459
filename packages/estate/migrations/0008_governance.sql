-- Governance, readiness and benefits of a reorganisation (Connected Devolution report, §2.2, §4.1, §5.1, §6.5).

create table estate_decision_rights_versions (
  reorganisation_code text not null references estate_reorganisations (code) deferrable initially immediate,
  version integer not null check (version >= 1),
  matrix jsonb not null,
  change_note text not null check (length(change_note) between 1 and 500),
  saved_by text,
  saved_at timestamptz not null default now(),
  published_at timestamptz,
  published_by text,
  primary key (reorganisation_code, version)
);
comment on table estate_decision_rights_versions is 'Each saved version of a reorganisation''s one-page decision-rights matrix (Weill & Ross''s five IT decision domains against the new authority''s bodies and roles). Versions are never changed, only published.';
comment on column estate_decision_rights_versions.reorganisation_code is 'The reorganisation the matrix governs.';
comment on column estate_decision_rights_versions.version is 'Version number, 1 upwards, one per save.';
comment on column estate_decision_rights_versions.matrix is 'The matrix: {bodies: [{key, name}], cells: [{domain, body, code (A, R, C or I), note}]}.';
comment on column estate_decision_rights_versions.change_note is 'What changed and why, in the author''s words.';
comment on column estate_decision_rights_versions.saved_by is 'Username of whoever saved the version.';
comment on column estate_decision_rights_versions.saved_at is 'When it was saved.';
comment on column estate_decision_rights_versions.published_at is 'When this version was published (the published matrix is the version published most recently).';
comment on column estate_decision_rights_versions.published_by is 'Username of whoever published it.';

create table estate_readiness_ratings (
  id bigserial primary key,
  reorganisation_code text not null references estate_reorganisations (code) deferrable initially immediate,
  organisation_code text not null references organisations (code) deferrable initially immediate,
  area text not null,
  rating text not null check (rating in ('red', 'amber', 'green')),
  evidence text not null check (length(evidence) between 1 and 4000),
  links jsonb not null default '[]',
  assessor text not null check (length(assessor) between 1 and 200),
  assessed_on date not null,
  recorded_by text,
  recorded_at timestamptz not null default now()
);
create index estate_readiness_ratings_organisation on estate_readiness_ratings (reorganisation_code, organisation_code, area, assessed_on);
comment on table estate_readiness_ratings is 'Digital readiness ratings, one per area per assessment; earlier ratings are kept as the history.';
comment on column estate_readiness_ratings.id is 'Identifier of the rating.';
comment on column estate_readiness_ratings.reorganisation_code is 'The reorganisation assessed.';
comment on column estate_readiness_ratings.organisation_code is 'The organisation assessed (a predecessor or the successor).';
comment on column estate_readiness_ratings.area is 'The readiness area (src/readiness/model.ts READINESS_AREAS), e.g. estate-discovery.';
comment on column estate_readiness_ratings.rating is 'red, amber or green.';
comment on column estate_readiness_ratings.evidence is 'Why: the evidence for the rating, in words.';
comment on column estate_readiness_ratings.links is 'Links to the evidence: [{text, href}].';
comment on column estate_readiness_ratings.assessor is 'Who made the assessment (name or role).';
comment on column estate_readiness_ratings.assessed_on is 'When the assessment was made; the latest per area is the current rating.';
comment on column estate_readiness_ratings.recorded_by is 'Username of whoever recorded it in Joinery.';
comment on column estate_readiness_ratings.recorded_at is 'When it was recorded.';

create table estate_benefits (
  reorganisation_code text not null references estate_reorganisations (code) deferrable initially immediate,
  reference text not null check (length(reference) between 1 and 64),
  title text not null check (length(title) between 1 and 200),
  kind text not null check (kind in ('cashable-saving', 'cost-avoidance', 'public-value')),
  measure text not null check (length(measure) between 1 and 200),
  unit text not null check (length(unit) between 1 and 40),
  baseline numeric not null,
  target numeric not null,
  owner text not null check (length(owner) between 1 and 200),
  evidence text,
  due_date date,
  updated_by text,
  updated_at timestamptz not null default now(),
  primary key (reorganisation_code, reference)
);
comment on table estate_benefits is 'The benefits register of a reorganisation: cashable savings, cost avoidance and public value (Green Book benefits register: baseline, target, measure, owner, evidence).';
comment on column estate_benefits.reorganisation_code is 'The reorganisation the benefit belongs to.';
comment on column estate_benefits.reference is 'The programme''s reference for the benefit, e.g. B-01; measurements and gates key on it.';
comment on column estate_benefits.title is 'What the benefit is.';
comment on column estate_benefits.kind is 'cashable-saving (money no longer spent), cost-avoidance (spend that will not happen) or public-value (a better service).';
comment on column estate_benefits.measure is 'What is measured, e.g. annual cost of revenues and benefits systems.';
comment on column estate_benefits.unit is 'Unit of the measure: GBP for money, otherwise e.g. days, %, count.';
comment on column estate_benefits.baseline is 'The measure before the change (the defensible baseline set before cut-over).';
comment on column estate_benefits.target is 'The measure the benefit aims for; below the baseline for a saving.';
comment on column estate_benefits.owner is 'Who owns the benefit (a role).';
comment on column estate_benefits.evidence is 'Where the baseline and target come from.';
comment on column estate_benefits.due_date is 'When the target should be reached.';
comment on column estate_benefits.updated_by is 'Username of whoever last changed it.';
comment on column estate_benefits.updated_at is 'When it was last changed.';

create table estate_benefit_measurements (
  id bigserial primary key,
  reorganisation_code text not null,
  benefit_reference text not null,
  measured_on date not null,
  value numeric not null,
  evidence text,
  recorded_by text,
  recorded_at timestamptz not null default now(),
  foreign key (reorganisation_code, benefit_reference) references estate_benefits (reorganisation_code, reference) on delete cascade deferrable initially immediate
);
create index estate_benefit_measurements_benefit on estate_benefit_measurements (reorganisation_code, benefit_reference, measured_on);
comment on table estate_benefit_measurements is 'Measurements of a benefit''s measure over time; the latest is what has been realised.';
comment on column estate_benefit_measurements.id is 'Identifier of the measurement.';
comment on column estate_benefit_measurements.reorganisation_code is 'The reorganisation.';
comment on column estate_benefit_measurements.benefit_reference is 'The benefit measured (estate_benefits.reference).';
comment on column estate_benefit_measurements.measured_on is 'When it was measured.';
comment on column estate_benefit_measurements.value is 'The measure''s value, in the benefit''s unit.';
comment on column estate_benefit_measurements.evidence is 'Where the value comes from.';
comment on column estate_benefit_measurements.recorded_by is 'Username of whoever recorded it.';
comment on column estate_benefit_measurements.recorded_at is 'When it was recorded.';

create table estate_benefit_gates (
  reorganisation_code text not null,
  benefit_reference text not null,
  gate_number integer not null check (gate_number >= 1),
  kind text not null check (kind in ('system-decommissioned', 'api-available', 'data-quality-threshold', 'milestone')),
  milestone text not null check (length(milestone) between 1 and 500),
  is_met boolean not null default false,
  met_on date,
  updated_by text,
  updated_at timestamptz not null default now(),
  primary key (reorganisation_code, benefit_reference, gate_number),
  check (is_met or met_on is null),
  foreign key (reorganisation_code, benefit_reference) references estate_benefits (reorganisation_code, reference) on delete cascade deferrable initially immediate
);
comment on table estate_benefit_gates is 'Hold points of a benefit: milestones that must be met before the next tranche proceeds (report §5.1: system decommissioning, API availability, data-quality thresholds).';
comment on column estate_benefit_gates.reorganisation_code is 'The reorganisation.';
comment on column estate_benefit_gates.benefit_reference is 'The benefit the gate holds (estate_benefits.reference).';
comment on column estate_benefit_gates.gate_number is 'Its order among the benefit''s gates, 1 upwards.';
comment on column estate_benefit_gates.kind is 'system-decommissioned, api-available, data-quality-threshold or milestone (free text).';
comment on column estate_benefit_gates.milestone is 'The milestone in words, e.g. Budmouth revenues system switched off.';
comment on column estate_benefit_gates.is_met is 'Whether it has been met.';
comment on column estate_benefit_gates.met_on is 'When it was met (null while not met).';
comment on column estate_benefit_gates.updated_by is 'Username of whoever last changed it.';
comment on column estate_benefit_gates.updated_at is 'When it was last changed.';

create table estate_scorecard_values (
  reorganisation_code text not null references estate_reorganisations (code) deferrable initially immediate,
  measure text not null check (measure in ('api-usage', 'component-reuse', 'security-posture', 'user-satisfaction', 'time-to-onboard')),
  period_start date not null,
  value numeric not null,
  note text,
  recorded_by text,
  recorded_at timestamptz not null default now(),
  primary key (reorganisation_code, measure, period_start)
);
comment on table estate_scorecard_values is 'The programme scorecard (report §5.1.1): one value per measure per period, read in governance cycles.';
comment on column estate_scorecard_values.reorganisation_code is 'The reorganisation.';
comment on column estate_scorecard_values.measure is 'api-usage (calls a month), component-reuse (services using shared components), security-posture (% of CAF outcomes achieved), user-satisfaction (%), time-to-onboard (days).';
comment on column estate_scorecard_values.period_start is 'First day of the period the value is for (e.g. a month or quarter); recording a period again replaces its value.';
comment on column estate_scorecard_values.value is 'The value, in the measure''s unit.';
comment on column estate_scorecard_values.note is 'Where it comes from.';
comment on column estate_scorecard_values.recorded_by is 'Username of whoever recorded it.';
comment on column estate_scorecard_values.recorded_at is 'When it was recorded.';
