-- The shared contract map's decisions: what the programme has decided to do with each
-- predecessor's contract before vesting day (novate, extend, exit, or consolidate into another
-- contract), who owns it, why, and by when. Append-only: each change is a new row and the latest
-- row for a contract is the decision in force, so the history is kept. A contract is named by its
-- organisation and its own reference (never by estate_contracts.id, which changes with each
-- import), so decisions survive re-imports of the register.

create table estate_contract_decisions (
  id bigserial primary key,
  reorganisation_code text not null references estate_reorganisations (code) deferrable initially immediate,
  organisation_code text not null references organisations (code) deferrable initially immediate,
  reference text not null check (length(reference) between 1 and 200),
  decision text not null check (decision in ('novate', 'extend', 'exit', 'consolidate')),
  consolidate_into_organisation_code text references organisations (code) deferrable initially immediate,
  consolidate_into_reference text check (length(consolidate_into_reference) between 1 and 200),
  owner text not null check (length(owner) between 1 and 200),
  rationale text not null check (length(rationale) between 1 and 4000),
  due_date date,
  decided_by text,
  decided_at timestamptz not null default now(),
  check ((decision = 'consolidate') = (consolidate_into_reference is not null and consolidate_into_organisation_code is not null))
);
create index estate_contract_decisions_contract on estate_contract_decisions (organisation_code, reference, id);
create index estate_contract_decisions_reorganisation on estate_contract_decisions (reorganisation_code, id);
comment on table estate_contract_decisions is 'Decisions on predecessors'' contracts before vesting day; append-only, the latest row per contract is in force.';
comment on column estate_contract_decisions.id is 'Identifier of the decision row; a larger id is a later decision.';
comment on column estate_contract_decisions.reorganisation_code is 'The reorganisation the decision is made for.';
comment on column estate_contract_decisions.organisation_code is 'The organisation (a predecessor) whose contract it is.';
comment on column estate_contract_decisions.reference is 'The contract''s reference in that organisation''s register (estate_contracts.reference): the decision covers every row with it.';
comment on column estate_contract_decisions.decision is 'novate (transfer to the successor), extend, exit (end it), or consolidate (into another contract).';
comment on column estate_contract_decisions.consolidate_into_organisation_code is 'For consolidate: the organisation of the contract it is folded into.';
comment on column estate_contract_decisions.consolidate_into_reference is 'For consolidate: the reference of the contract it is folded into.';
comment on column estate_contract_decisions.owner is 'Who is responsible for carrying the decision out (a person or a role).';
comment on column estate_contract_decisions.rationale is 'Why: the reasoning, in words.';
comment on column estate_contract_decisions.due_date is 'When it must be carried out by (often the notice deadline).';
comment on column estate_contract_decisions.decided_by is 'Username of who recorded it.';
comment on column estate_contract_decisions.decided_at is 'When it was recorded.';
