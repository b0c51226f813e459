-- Certification authorities other than the federation's own whose gateway certificates the
-- federation accepts (X-Road's "approved certification services"): an organisation that already
-- runs a PKI — an NHS trust, a council's own CA — enrols its gateway with certificates its CA
-- issued. Kept after they stop being trusted, so the certificates they issued can still be read.

create table exchange_external_cas (
  federation_code text not null references exchange_federations (code) on delete cascade deferrable initially immediate,
  fingerprint_sha256 text not null check (fingerprint_sha256 ~ '^[0-9a-f]{64}$'),
  name text not null check (length(name) between 1 and 200),
  subject text not null,
  not_before timestamptz not null,
  not_after timestamptz not null,
  certificate_pem text not null,
  added_by text,
  added_at timestamptz not null default now(),
  removed_at timestamptz,
  removed_by text,
  removed_reason text,
  primary key (federation_code, fingerprint_sha256)
);
comment on table exchange_external_cas is 'Certification authorities other than the federation''s own whose gateway certificates it accepts, and those it no longer does.';
comment on column exchange_external_cas.federation_code is 'The hosted federation that trusts it.';
comment on column exchange_external_cas.fingerprint_sha256 is 'SHA-256 of the CA certificate''s DER, hex: how it is named.';
comment on column exchange_external_cas.name is 'What the operators call it (e.g. Wessex Hospitals NHS Trust issuing CA).';
comment on column exchange_external_cas.subject is 'The CA certificate''s subject, as text.';
comment on column exchange_external_cas.not_before is 'The CA certificate is valid from.';
comment on column exchange_external_cas.not_after is 'The CA certificate is valid until.';
comment on column exchange_external_cas.certificate_pem is 'The CA certificate, PEM.';
comment on column exchange_external_cas.added_by is 'Who started trusting it.';
comment on column exchange_external_cas.added_at is 'When it was first trusted, or trusted again.';
comment on column exchange_external_cas.removed_at is 'When the federation stopped trusting it (empty while trusted).';
comment on column exchange_external_cas.removed_by is 'Who stopped trusting it.';
comment on column exchange_external_cas.removed_reason is 'Why.';

alter table exchange_certificates add column issuer_fingerprint_sha256 text check (issuer_fingerprint_sha256 ~ '^[0-9a-f]{64}$');
comment on column exchange_certificates.issuer_fingerprint_sha256 is 'The external CA that issued it (exchange_external_cas); empty when the federation''s own CA did.';
comment on table exchange_certificates is 'Every certificate the authority''s CA has issued, or that a gateway enrolled with from a trusted external CA, and its revocation.';
