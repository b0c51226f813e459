-- Personal API tokens, so that every API is usable from scripts and curl.

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade deferrable initially immediate,
  name text not null check (length(name) between 1 and 100),
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_used_at timestamptz
);
comment on table api_tokens is 'Personal API tokens (sent as Authorization: Bearer); only a hash of each is kept.';
comment on column api_tokens.id is 'Identifier of the token.';
comment on column api_tokens.user_id is 'The user the token acts as.';
comment on column api_tokens.name is 'What the token is for, as its owner named it.';
comment on column api_tokens.token_hash is 'SHA-256 of the token (the token itself is shown once and never stored).';
comment on column api_tokens.created_at is 'When the token was made.';
comment on column api_tokens.expires_at is 'After this the token no longer works.';
comment on column api_tokens.last_used_at is 'When the token was last used.';
create index api_tokens_by_user on api_tokens (user_id);
