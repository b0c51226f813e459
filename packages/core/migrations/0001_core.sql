-- Core: organisations and partnerships, users and roles, sessions, audit trail.
-- Every table and column carries a comment: they become the export's data dictionary.
-- Foreign keys are deferrable so that an import can load rows in any order (see portability/import.ts).

create table organisations (
  code text primary key check (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null check (length(name) between 1 and 200),
  type text not null check (type in ('county-council', 'district-council', 'unitary-authority',
    'metropolitan-district', 'london-borough', 'strategic-authority', 'combined-authority', 'nhs-trust',
    'integrated-care-board', 'gp-practice', 'housing-association', 'police', 'fire', 'school', 'other')),
  successor_code text references organisations (code) deferrable initially immediate,
  created_at timestamptz not null default now()
);
comment on table organisations is 'Member organisations: councils, NHS bodies, housing associations and other partners.';
comment on column organisations.code is 'Joinery''s short identifier for the organisation (lower-case letters, digits, hyphens).';
comment on column organisations.name is 'The organisation''s name.';
comment on column organisations.type is 'What kind of body it is.';
comment on column organisations.successor_code is 'The organisation that replaces this one in a reorganisation (predecessor → successor).';
comment on column organisations.created_at is 'When the organisation was added to Joinery.';

create table organisation_identifiers (
  organisation_code text not null references organisations (code) on delete cascade deferrable initially immediate,
  kind text not null check (kind in ('gss', 'ods', 'companies-house', 'charity', 'local-authority-code', 'uprn')),
  value text not null,
  primary key (kind, value)
);
comment on table organisation_identifiers is 'Open identifiers of organisations: GSS code, ODS code, Companies House number and others.';
comment on column organisation_identifiers.organisation_code is 'The organisation this identifies.';
comment on column organisation_identifiers.kind is 'Which register the identifier comes from.';
comment on column organisation_identifiers.value is 'The identifier, normalised.';
create index organisation_identifiers_by_organisation on organisation_identifiers (organisation_code);

create table partnerships (
  code text primary key check (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null,
  kind text not null check (kind in ('federation', 'partnership', 'integrated-care-system', 'reorganisation'))
);
comment on table partnerships is 'Federations and partnerships that organisations belong to.';
comment on column partnerships.code is 'Joinery''s short identifier for the partnership.';
comment on column partnerships.name is 'The partnership''s name.';
comment on column partnerships.kind is 'Federation (data exchange), partnership, integrated care system or reorganisation.';

create table partnership_members (
  partnership_code text not null references partnerships (code) on delete cascade deferrable initially immediate,
  organisation_code text not null references organisations (code) on delete cascade deferrable initially immediate,
  primary key (partnership_code, organisation_code)
);
comment on table partnership_members is 'Which organisations belong to which partnerships.';
comment on column partnership_members.partnership_code is 'The partnership.';
comment on column partnership_members.organisation_code is 'The member organisation.';

create table users (
  id uuid primary key default gen_random_uuid(),
  username text not null unique check (username ~ '^[a-z0-9][a-z0-9._@-]{1,99}$'),
  display_name text not null,
  email text,
  password_hash text,
  is_active boolean not null default true,
  created_at timestamptz not null default now()
);
comment on table users is 'People who sign in to Joinery.';
comment on column users.id is 'Stable identifier of the user.';
comment on column users.username is 'Sign-in name (lower case).';
comment on column users.display_name is 'Name shown on pages and in the audit trail.';
comment on column users.email is 'Email address, used to match single sign-on accounts.';
comment on column users.password_hash is 'scrypt hash of the password (scrypt$N$r$p$salt$hash); empty for single sign-on only accounts.';
comment on column users.is_active is 'False when the account is disabled.';
comment on column users.created_at is 'When the account was made.';

create table user_roles (
  user_id uuid not null references users (id) on delete cascade deferrable initially immediate,
  organisation_code text not null references organisations (code) on delete cascade deferrable initially immediate,
  role text not null check (role in ('admin', 'viewer', 'analyst', 'caseworker', 'information-governance')),
  primary key (user_id, organisation_code, role)
);
comment on table user_roles is 'What each user may do, per organisation.';
comment on column user_roles.user_id is 'The user.';
comment on column user_roles.organisation_code is 'The organisation the role is held in.';
comment on column user_roles.role is 'The role: admin, viewer, analyst, caseworker or information-governance.';

create table user_identities (
  issuer text not null,
  subject text not null,
  user_id uuid not null references users (id) on delete cascade deferrable initially immediate,
  primary key (issuer, subject)
);
comment on table user_identities is 'Single sign-on (OpenID Connect) accounts linked to users.';
comment on column user_identities.issuer is 'The identity provider''s issuer URL.';
comment on column user_identities.subject is 'The provider''s subject identifier for the person.';
comment on column user_identities.user_id is 'The Joinery user it signs in as.';

create table sessions (
  id text primary key,
  data jsonb not null,
  expires_at timestamptz not null
);
comment on table sessions is 'Transient: signed-in browser sessions; not exported.';
create index sessions_by_expiry on sessions (expires_at);

create table audit_events (
  id bigserial primary key,
  occurred_at timestamptz not null default now(),
  actor_user_id uuid,
  actor_username text,
  organisation_code text,
  action text not null,
  subject_type text,
  subject_id text,
  reason text,
  outcome text not null default 'success' check (outcome in ('success', 'refused', 'failed')),
  details jsonb not null default '{}'::jsonb,
  client_address text
);
comment on table audit_events is 'The audit trail: who did what, for which organisation, when and why. Append-only.';
comment on column audit_events.id is 'Sequence number of the event.';
comment on column audit_events.occurred_at is 'When it happened.';
comment on column audit_events.actor_user_id is 'The user who acted (empty for the system itself).';
comment on column audit_events.actor_username is 'The user''s sign-in name at the time.';
comment on column audit_events.organisation_code is 'The organisation on whose behalf the user acted.';
comment on column audit_events.action is 'What was done, such as user.sign-in or person.view.';
comment on column audit_events.subject_type is 'The kind of thing acted on.';
comment on column audit_events.subject_id is 'Which thing was acted on.';
comment on column audit_events.reason is 'Why, as the user gave it (required for access to personal data).';
comment on column audit_events.outcome is 'success, refused or failed.';
comment on column audit_events.details is 'Anything else worth keeping, as JSON.';
comment on column audit_events.client_address is 'The network address the request came from.';
create index audit_events_by_organisation on audit_events (organisation_code, occurred_at);
create index audit_events_by_subject on audit_events (subject_type, subject_id);

-- Append-only: the audit trail is never edited or deleted through Joinery.
create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only';
end;
$$;
create trigger audit_events_no_update before update or delete on audit_events
  for each row execute function audit_events_append_only();
