-- Remembered column mappings: when a user imports a file with a mapping of their own (or
-- confirms the one proposed), it is kept for their organisation and that kind of file, keyed by
-- the file's set of headers, and proposed again when a file with the same headers arrives
-- (next year's register, next quarter's inventory).

create table estate_import_mappings (
  organisation_code text not null references organisations (code) deferrable initially immediate,
  kind text not null check (kind in ('contracts', 'applications', 'integrations')),
  header_key text not null check (header_key ~ '^[0-9a-f]{64}$'),
  headers jsonb not null,
  mapping jsonb not null,
  saved_by text,
  saved_at timestamptz not null default now(),
  primary key (organisation_code, kind, header_key)
);
comment on table estate_import_mappings is 'Column mappings remembered per organisation and kind of file, proposed again for a file with the same headers.';
comment on column estate_import_mappings.organisation_code is 'The organisation whose files these are.';
comment on column estate_import_mappings.kind is 'What the files list: contracts, applications or integrations.';
comment on column estate_import_mappings.header_key is 'SHA-256 of the file''s headers (as written, sorted, as JSON): the same columns in any order give the same key.';
comment on column estate_import_mappings.headers is 'The headers the mapping was made for, in the file''s order.';
comment on column estate_import_mappings.mapping is 'Field → column of the file, as used by the import that saved it.';
comment on column estate_import_mappings.saved_by is 'Username of who imported with it (null from the command line).';
comment on column estate_import_mappings.saved_at is 'When it was last saved.';
