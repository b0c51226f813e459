-- Incremental builds: each build remembers when it read the records, so the next one can
-- re-link only what changed since (records loaded, changed, retired or registered; pairs decided).

alter table registers_person_builds add column started_at timestamptz;
alter table registers_person_builds add column mode text not null default 'full' check (mode in ('full', 'incremental'));
alter table registers_person_builds add column relinked_record_count integer;
update registers_person_builds set started_at = built_at, relinked_record_count = record_count where started_at is null;
comment on column registers_person_builds.started_at is 'When the build read the records: changes after this are re-linked by the next build.';
comment on column registers_person_builds.mode is 'full: every record re-linked; incremental: only records changed since the last build and the persons they touch.';
comment on column registers_person_builds.relinked_record_count is 'Records this build re-linked (all of them in a full build).';
create index registers_person_records_updated on registers_person_records (updated_at);
