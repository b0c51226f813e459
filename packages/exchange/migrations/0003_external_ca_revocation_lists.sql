-- The revocation list (CRL) last applied for each external certification authority: a member
-- that runs its own PKI revokes a gateway certificate there, and its CRL, applied here, revokes
-- it in the federation too. Kept whole so that enrolment refuses a certificate it lists.

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
