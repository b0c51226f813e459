-- The revocation list (CRL) last applied for each external certification authority: a member
-- that runs its own PKI revokes a gateway certificate there, and its CRL, applied here, revokes
-- it in the federation too. The list is kept whole, and its serial numbers one to a row so that
-- enrolment refuses a certificate it names.

alter table exchange_external_cas
  add column crl_pem text,
  add column crl_number text check (crl_number ~ '^[0-9]+$'),
  add column crl_this_update timestamptz,
  add column crl_next_update timestamptz,
  add column crl_entries integer check (crl_entries >= 0),
  add column crl_applied_at timestamptz,
  add column crl_applied_by text;
comment on column exchange_external_cas.crl_pem is 'The CA''s revocation list last applied, PEM (empty until one is).';
comment on column exchange_external_cas.crl_number is 'Its CRL number (RFC 5280 5.2.3), when it has one.';
comment on column exchange_external_cas.crl_this_update is 'When the CA issued that list.';
comment on column exchange_external_cas.crl_next_update is 'When the CA said it would issue the next (past: overdue).';
comment on column exchange_external_cas.crl_entries is 'How many certificates that list revokes.';
comment on column exchange_external_cas.crl_applied_at is 'When it was applied here.';
comment on column exchange_external_cas.crl_applied_by is 'Who applied it.';

create table exchange_ca_revoked_serials (
  federation_code text not null,
  issuer_fingerprint_sha256 text not null,
  serial_number text not null check (serial_number ~ '^[0-9a-f]{1,64}$'),
  revoked_at timestamptz not null,
  reason text,
  primary key (federation_code, issuer_fingerprint_sha256, serial_number),
  foreign key (federation_code, issuer_fingerprint_sha256) references exchange_external_cas (federation_code, fingerprint_sha256) on delete cascade
);
comment on table exchange_ca_revoked_serials is 'The certificates an external CA''s revocation list last applied here names: replaced whole by each newer list.';
comment on column exchange_ca_revoked_serials.federation_code is 'The federation that applied the list.';
comment on column exchange_ca_revoked_serials.issuer_fingerprint_sha256 is 'The external CA whose list it is.';
comment on column exchange_ca_revoked_serials.serial_number is 'The revoked certificate''s serial number, lower-case hex without leading zero octets.';
comment on column exchange_ca_revoked_serials.revoked_at is 'When the CA says it revoked it.';
comment on column exchange_ca_revoked_serials.reason is 'The CA''s reason (RFC 5280 5.3.1), in words, when the list gives one.';
