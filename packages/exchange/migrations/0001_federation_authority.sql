-- The federation authority (X-Road's central server): federations, their keys, members and
-- subsystems, gateways and their certificates, services, access rights (grants), successions,
-- trusted neighbouring federations, published configurations and gateways' operational reports.
-- A member is named within its federation by its organisation's code; its X-Road identifier is
-- FEDERATION/CLASS/MEMBER. Message logs are not here: each gateway keeps its own.

create table exchange_federations (
  code text primary key check (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null check (length(name) between 1 and 200),
  is_hosted boolean not null,
  configuration_url text not null check (length(configuration_url) between 1 and 500),
  configuration_validity_hours integer not null default 168 check (configuration_validity_hours between 1 and 8760),
  operator_organisation_code text references organisations (code) deferrable initially immediate,
  created_at timestamptz not null default now(),
  check (is_hosted = (operator_organisation_code is not null))
);
comment on table exchange_federations is 'Federations: this server''s own (hosted, it is their authority) and others it knows of.';
comment on column exchange_federations.code is 'The federation''s code: the instance part of every identifier in it.';
comment on column exchange_federations.name is 'The federation''s name.';
comment on column exchange_federations.is_hosted is 'True when this server is the federation''s authority.';
comment on column exchange_federations.configuration_url is 'Where gateways download the signed federation configuration.';
comment on column exchange_federations.configuration_validity_hours is 'How long a published configuration stays valid; gateways stop routing on an expired one.';
comment on column exchange_federations.operator_organisation_code is 'The organisation that operates a hosted federation: its administrators admit and revoke members, record trust and publish (empty for others'' federations).';
comment on column exchange_federations.created_at is 'When the federation was recorded.';

create table exchange_authority_keys (
  federation_code text not null references exchange_federations (code) on delete cascade deferrable initially immediate,
  purpose text not null check (purpose in ('certification', 'configuration', 'timestamping')),
  key_id text not null,
  public_key_pem text not null,
  encrypted_private_key text not null,
  certificate_pem text,
  created_at timestamptz not null default now(),
  retired_at timestamptz,
  primary key (federation_code, purpose, key_id)
);
comment on table exchange_authority_keys is 'The authority''s keys: its certification authority, configuration signing and timestamping keys.';
comment on column exchange_authority_keys.federation_code is 'The hosted federation the key belongs to.';
comment on column exchange_authority_keys.purpose is 'certification (issues gateway certificates), configuration (signs the configuration) or timestamping (RFC 3161).';
comment on column exchange_authority_keys.key_id is 'SHA-256 of the public key (SPKI DER), hex.';
comment on column exchange_authority_keys.public_key_pem is 'The public key, PEM.';
comment on column exchange_authority_keys.encrypted_private_key is 'The private key (PKCS #8), encrypted with AES-256-GCM under the server''s exchange key, which is not in the database.';
comment on column exchange_authority_keys.certificate_pem is 'The key''s certificate (the CA''s own, or the timestamping certificate), PEM.';
comment on column exchange_authority_keys.created_at is 'When the key was made.';
comment on column exchange_authority_keys.retired_at is 'When it stopped being used (kept to verify old signatures).';

create table exchange_members (
  federation_code text not null references exchange_federations (code) on delete cascade deferrable initially immediate,
  member_code text not null check (member_code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'),
  member_class text not null check (member_class in ('GOV', 'NHS', 'NGO', 'COM')),
  organisation_code text references organisations (code) deferrable initially immediate,
  name text not null check (length(name) between 1 and 200),
  status text not null default 'active' check (status in ('active', 'revoked')),
  revoked_at timestamptz,
  revoked_reason text,
  created_at timestamptz not null default now(),
  primary key (federation_code, member_code)
);
create unique index exchange_members_organisation on exchange_members (federation_code, organisation_code);
comment on table exchange_members is 'Member organisations of each federation.';
comment on column exchange_members.federation_code is 'The federation.';
comment on column exchange_members.member_code is 'The member''s code in the federation (its organisation''s code in a hosted federation).';
comment on column exchange_members.member_class is 'X-Road member class: GOV, NHS, NGO or COM.';
comment on column exchange_members.organisation_code is 'The Joinery organisation it is (empty for members of other federations).';
comment on column exchange_members.name is 'The member''s name.';
comment on column exchange_members.status is 'active, or revoked (its gateways and calls are refused).';
comment on column exchange_members.revoked_at is 'When it was revoked.';
comment on column exchange_members.revoked_reason is 'Why it was revoked.';
comment on column exchange_members.created_at is 'When it joined.';

create table exchange_subsystems (
  federation_code text not null,
  member_code text not null,
  code text not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'),
  name text not null check (length(name) between 1 and 200),
  created_at timestamptz not null default now(),
  primary key (federation_code, member_code, code),
  foreign key (federation_code, member_code) references exchange_members (federation_code, member_code) on delete cascade deferrable initially immediate
);
comment on table exchange_subsystems is 'Subsystems: a member''s information systems that call or provide services.';
comment on column exchange_subsystems.federation_code is 'The federation.';
comment on column exchange_subsystems.member_code is 'The member it belongs to.';
comment on column exchange_subsystems.code is 'The subsystem''s code, e.g. housing.';
comment on column exchange_subsystems.name is 'What the system is.';
comment on column exchange_subsystems.created_at is 'When it was registered.';

create table exchange_gateways (
  federation_code text not null,
  member_code text not null,
  gateway_code text not null check (gateway_code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'),
  address text not null check (address ~ '^https://'),
  status text not null default 'enrolling' check (status in ('enrolling', 'active', 'revoked')),
  created_at timestamptz not null default now(),
  primary key (federation_code, member_code, gateway_code),
  foreign key (federation_code, member_code) references exchange_members (federation_code, member_code) on delete cascade deferrable initially immediate
);
comment on table exchange_gateways is 'Gateways (X-Road''s security servers): one or more per member.';
comment on column exchange_gateways.federation_code is 'The federation.';
comment on column exchange_gateways.member_code is 'The member that runs it.';
comment on column exchange_gateways.gateway_code is 'The gateway''s code within its member.';
comment on column exchange_gateways.address is 'Where other gateways reach it (https://host:port).';
comment on column exchange_gateways.status is 'enrolling (token issued), active (certificates issued) or revoked.';
comment on column exchange_gateways.created_at is 'When it was registered.';

create table exchange_enrolment_tokens (
  id uuid primary key default gen_random_uuid(),
  federation_code text not null,
  member_code text not null,
  gateway_code text not null,
  token_sha256 text not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_by text,
  created_at timestamptz not null default now(),
  foreign key (federation_code, member_code, gateway_code) references exchange_gateways (federation_code, member_code, gateway_code) on delete cascade deferrable initially immediate
);
comment on table exchange_enrolment_tokens is 'One-time tokens with which a new gateway asks for its certificates.';
comment on column exchange_enrolment_tokens.id is 'Identifier of the token.';
comment on column exchange_enrolment_tokens.federation_code is 'The federation.';
comment on column exchange_enrolment_tokens.member_code is 'The member the gateway belongs to.';
comment on column exchange_enrolment_tokens.gateway_code is 'The gateway it enrols.';
comment on column exchange_enrolment_tokens.token_sha256 is 'SHA-256 of the token''s secret (the secret itself is shown once and never stored).';
comment on column exchange_enrolment_tokens.expires_at is 'When it stops working.';
comment on column exchange_enrolment_tokens.used_at is 'When it was used (a token works once).';
comment on column exchange_enrolment_tokens.created_by is 'Who issued it.';
comment on column exchange_enrolment_tokens.created_at is 'When it was issued.';

create table exchange_certificates (
  serial_number text primary key,
  federation_code text not null references exchange_federations (code) on delete cascade deferrable initially immediate,
  member_code text,
  gateway_code text,
  usage text not null check (usage in ('auth', 'sign', 'timestamping', 'certification')),
  subject text not null,
  not_before timestamptz not null,
  not_after timestamptz not null,
  certificate_pem text not null,
  revoked_at timestamptz,
  revoked_reason text,
  created_at timestamptz not null default now()
);
create index exchange_certificates_gateway on exchange_certificates (federation_code, member_code, gateway_code);
comment on table exchange_certificates is 'Every certificate the authority''s CA has issued, and its revocation.';
comment on column exchange_certificates.serial_number is 'The certificate''s serial number, hex.';
comment on column exchange_certificates.federation_code is 'The federation whose CA issued it.';
comment on column exchange_certificates.member_code is 'The member it was issued to.';
comment on column exchange_certificates.gateway_code is 'The gateway it was issued to.';
comment on column exchange_certificates.usage is 'auth (mutual TLS), sign (message signatures), timestamping or certification.';
comment on column exchange_certificates.subject is 'The certificate''s subject, as text.';
comment on column exchange_certificates.not_before is 'Valid from.';
comment on column exchange_certificates.not_after is 'Valid until.';
comment on column exchange_certificates.certificate_pem is 'The certificate, PEM.';
comment on column exchange_certificates.revoked_at is 'When it was revoked.';
comment on column exchange_certificates.revoked_reason is 'Why it was revoked.';
comment on column exchange_certificates.created_at is 'When it was issued.';

create table exchange_services (
  federation_code text not null,
  member_code text not null,
  subsystem_code text not null,
  service_code text not null check (service_code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'),
  service_version text not null default '' check (service_version = '' or service_version ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'),
  gateway_code text not null,
  title text not null check (length(title) between 1 and 200),
  openapi_document jsonb not null,
  openapi_sha256 text not null,
  is_enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (federation_code, member_code, subsystem_code, service_code, service_version),
  foreign key (federation_code, member_code, subsystem_code) references exchange_subsystems (federation_code, member_code, code) on delete cascade deferrable initially immediate,
  foreign key (federation_code, member_code, gateway_code) references exchange_gateways (federation_code, member_code, gateway_code) deferrable initially immediate
);
comment on table exchange_services is 'REST services providers offer through their gateways, each described by OpenAPI 3.1.';
comment on column exchange_services.federation_code is 'The federation.';
comment on column exchange_services.member_code is 'The providing member.';
comment on column exchange_services.subsystem_code is 'The providing subsystem.';
comment on column exchange_services.service_code is 'The service''s code.';
comment on column exchange_services.service_version is 'The service''s version (empty when unversioned).';
comment on column exchange_services.gateway_code is 'The provider''s gateway that serves it.';
comment on column exchange_services.title is 'What the service does, in a few words.';
comment on column exchange_services.openapi_document is 'The OpenAPI 3.1 description.';
comment on column exchange_services.openapi_sha256 is 'SHA-256 (hex) of the description as published in the configuration.';
comment on column exchange_services.is_enabled is 'False when the provider has taken it out of service.';
comment on column exchange_services.created_at is 'When it was registered.';
comment on column exchange_services.updated_at is 'When its description last changed.';

create table exchange_service_operations (
  federation_code text not null,
  member_code text not null,
  subsystem_code text not null,
  service_code text not null,
  service_version text not null,
  operation_id text not null check (length(operation_id) between 1 and 200),
  method text not null check (method in ('GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS')),
  path text not null check (length(path) between 1 and 500),
  primary key (federation_code, member_code, subsystem_code, service_code, service_version, operation_id),
  foreign key (federation_code, member_code, subsystem_code, service_code, service_version)
    references exchange_services (federation_code, member_code, subsystem_code, service_code, service_version) on delete cascade deferrable initially immediate
);
comment on table exchange_service_operations is 'The operations of each service, from its OpenAPI description; grants are per operation.';
comment on column exchange_service_operations.federation_code is 'The federation.';
comment on column exchange_service_operations.member_code is 'The providing member.';
comment on column exchange_service_operations.subsystem_code is 'The providing subsystem.';
comment on column exchange_service_operations.service_code is 'The service.';
comment on column exchange_service_operations.service_version is 'The service''s version.';
comment on column exchange_service_operations.operation_id is 'The OpenAPI operationId.';
comment on column exchange_service_operations.method is 'The HTTP method.';
comment on column exchange_service_operations.path is 'The OpenAPI path template.';

create table exchange_grants (
  id uuid primary key default gen_random_uuid(),
  federation_code text not null references exchange_federations (code) on delete cascade deferrable initially immediate,
  client_id text not null check (length(client_id) between 7 and 400),
  member_code text not null,
  subsystem_code text not null,
  service_code text not null,
  service_version text not null,
  operations text[] not null,
  purpose text not null check (length(purpose) between 1 and 1000),
  lawful_basis text not null check (length(lawful_basis) between 1 and 500),
  agreement text not null check (length(agreement) between 1 and 500),
  valid_from date not null,
  expires_on date not null,
  recertify_by date not null,
  status text not null default 'proposed' check (status in ('proposed', 'approved', 'refused', 'revoked', 'superseded')),
  supersedes uuid references exchange_grants (id) deferrable initially immediate,
  proposed_by text,
  proposed_at timestamptz not null default now(),
  decided_by text,
  decided_at timestamptz,
  decision_note text,
  check (expires_on > valid_from and recertify_by <= expires_on),
  foreign key (federation_code, member_code, subsystem_code, service_code, service_version)
    references exchange_services (federation_code, member_code, subsystem_code, service_code, service_version) on delete cascade deferrable initially immediate
);
create index exchange_grants_service on exchange_grants (federation_code, member_code, subsystem_code, service_code, service_version);
create index exchange_grants_client on exchange_grants (client_id);
comment on table exchange_grants is 'Access rights: a client subsystem may call a service''s operations, for a stated purpose and lawful basis, until a date; in force only once the provider approves.';
comment on column exchange_grants.id is 'Identifier of the grant.';
comment on column exchange_grants.federation_code is 'The provider''s federation.';
comment on column exchange_grants.client_id is 'The client subsystem, INSTANCE/CLASS/MEMBER/SUBSYSTEM (it may be in a trusted federation).';
comment on column exchange_grants.member_code is 'The providing member.';
comment on column exchange_grants.subsystem_code is 'The providing subsystem.';
comment on column exchange_grants.service_code is 'The service.';
comment on column exchange_grants.service_version is 'The service''s version.';
comment on column exchange_grants.operations is 'The operationIds granted, or {*} for every operation.';
comment on column exchange_grants.purpose is 'What the data is for.';
comment on column exchange_grants.lawful_basis is 'The lawful basis (UK GDPR article 6, and 9 for special category data).';
comment on column exchange_grants.agreement is 'The data-sharing agreement it rests on.';
comment on column exchange_grants.valid_from is 'First day it works.';
comment on column exchange_grants.expires_on is 'The day it stops working.';
comment on column exchange_grants.recertify_by is 'When the provider must confirm it is still needed.';
comment on column exchange_grants.status is 'proposed, approved (in force), refused, revoked, or superseded by a later change.';
comment on column exchange_grants.supersedes is 'The grant this one changes (it stays in force until this one is approved).';
comment on column exchange_grants.proposed_by is 'Who asked for it.';
comment on column exchange_grants.proposed_at is 'When.';
comment on column exchange_grants.decided_by is 'Who approved, refused or revoked it for the provider.';
comment on column exchange_grants.decided_at is 'When.';
comment on column exchange_grants.decision_note is 'Why, as the decider gave it.';

create table exchange_successions (
  federation_code text not null references exchange_federations (code) on delete cascade deferrable initially immediate,
  predecessor_code text not null,
  successor_code text not null,
  dual_running_from date not null,
  dual_running_until date not null,
  declared_by text,
  declared_at timestamptz not null default now(),
  primary key (federation_code, predecessor_code),
  check (dual_running_until >= dual_running_from and predecessor_code <> successor_code),
  foreign key (federation_code, predecessor_code) references exchange_members (federation_code, member_code) deferrable initially immediate,
  foreign key (federation_code, successor_code) references exchange_members (federation_code, member_code) deferrable initially immediate
);
comment on table exchange_successions is 'Reorganisation: a member succeeds others; during dual running both answer, afterwards callers are told where to go.';
comment on column exchange_successions.federation_code is 'The federation.';
comment on column exchange_successions.predecessor_code is 'The member being succeeded.';
comment on column exchange_successions.successor_code is 'The member that succeeds it.';
comment on column exchange_successions.dual_running_from is 'First day of dual running.';
comment on column exchange_successions.dual_running_until is 'Last day of dual running.';
comment on column exchange_successions.declared_by is 'Who declared it.';
comment on column exchange_successions.declared_at is 'When.';

create table exchange_trusted_federations (
  federation_code text not null references exchange_federations (code) on delete cascade deferrable initially immediate,
  trusted_code text not null check (trusted_code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null,
  configuration_url text not null,
  signing_keys jsonb not null,
  created_by text,
  created_at timestamptz not null default now(),
  primary key (federation_code, trusted_code)
);
comment on table exchange_trusted_federations is 'Federation with other authorities: whose members may exchange data with ours, and the keys their configuration is signed with.';
comment on column exchange_trusted_federations.federation_code is 'Our federation.';
comment on column exchange_trusted_federations.trusted_code is 'The other federation''s code.';
comment on column exchange_trusted_federations.name is 'Its name.';
comment on column exchange_trusted_federations.configuration_url is 'Where its signed configuration is published.';
comment on column exchange_trusted_federations.signing_keys is 'Its authority''s configuration signing keys (its anchor), as [{keyId, publicKeyPem}].';
comment on column exchange_trusted_federations.created_by is 'Who recorded the trust.';
comment on column exchange_trusted_federations.created_at is 'When.';

create table exchange_configurations (
  federation_code text not null references exchange_federations (code) on delete cascade deferrable initially immediate,
  serial integer not null check (serial >= 1),
  signed_document jsonb not null,
  published_at timestamptz not null default now(),
  published_by text,
  primary key (federation_code, serial)
);
comment on table exchange_configurations is 'Every federation configuration published, signed: gateways download the latest.';
comment on column exchange_configurations.federation_code is 'The federation.';
comment on column exchange_configurations.serial is 'Its version.';
comment on column exchange_configurations.signed_document is 'The configuration and its signature, as served.';
comment on column exchange_configurations.published_at is 'When it was published.';
comment on column exchange_configurations.published_by is 'Who published it (empty when published automatically after a change).';

create table exchange_gateway_reports (
  id bigserial primary key,
  federation_code text not null,
  member_code text not null,
  gateway_code text not null,
  received_at timestamptz not null default now(),
  period_start timestamptz not null,
  period_end timestamptz not null,
  log_head_seq bigint not null,
  log_head_hash text not null,
  report jsonb not null,
  foreign key (federation_code, member_code, gateway_code) references exchange_gateways (federation_code, member_code, gateway_code) on delete cascade deferrable initially immediate
);
create index exchange_gateway_reports_gateway on exchange_gateway_reports (federation_code, member_code, gateway_code, id);
comment on table exchange_gateway_reports is 'What gateways report, signed, about their traffic: counts, latencies and errors per service and client, certificates, and the head of their message log.';
comment on column exchange_gateway_reports.id is 'Sequence number of the report.';
comment on column exchange_gateway_reports.federation_code is 'The federation.';
comment on column exchange_gateway_reports.member_code is 'The gateway''s member.';
comment on column exchange_gateway_reports.gateway_code is 'The gateway.';
comment on column exchange_gateway_reports.received_at is 'When the authority received it.';
comment on column exchange_gateway_reports.period_start is 'Start of the period it covers.';
comment on column exchange_gateway_reports.period_end is 'End of the period.';
comment on column exchange_gateway_reports.log_head_seq is 'The last entry of the gateway''s message log at the end of the period (a witness against truncation).';
comment on column exchange_gateway_reports.log_head_hash is 'That entry''s hash.';
comment on column exchange_gateway_reports.report is 'The figures, as JSON.';
