/** Kysely types for the registers' tables (see migrations/ for what each column means). */
import type { ColumnType, Generated } from 'kysely';
import type { RegisterAddress } from './address.ts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface GazetteersTable {
  id: Generated<number>;
  organisation_code: string;
  format: 'dtf73' | 'addressbase' | 'open-uprn';
  file_name: string;
  sha256: string;
  address_count: number;
  street_count: number;
  imported_by: string | null;
  imported_at: CreatedAt;
}

export interface GazetteerAddressesTable {
  id: Generated<number>;
  gazetteer_id: number;
  uprn: number;
  status: RegisterAddress['status'];
  address: Json<RegisterAddress>;
}

export interface AddressesTable {
  uprn: number;
  parent_uprn: number | null;
  usrn: number | null;
  single_line: string;
  postcode: string | null;
  street: string | null;
  town: string | null;
  classification: string | null;
  latitude: number | null;
  longitude: number | null;
  authority: string;
  address: Json<RegisterAddress>;
  updated_at: CreatedAt;
}

export interface AddressConflictsTable {
  id: Generated<number>;
  kind: 'same-uprn-different-address' | 'same-address-different-uprns';
  uprns: number[];
  summary: string;
  detail: Json<unknown>;
  found_at: CreatedAt;
}

export interface MatchRunsTable {
  id: Generated<number>;
  organisation_code: string;
  file_name: string;
  row_count: number;
  matched_count: number;
  review_count: number;
  unmatched_count: number;
  threshold: number;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface MatchResultsTable {
  run_id: number;
  row_number: number;
  input_id: string | null;
  input_text: string;
  outcome: 'matched' | 'review' | 'unmatched';
  uprn: number | null;
  probability: number | null;
  candidates: Json<unknown>;
  reviewed_uprn: number | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
}

// A type, not an interface: Kysely's withTables needs an implicit index signature.
export type RegistersTables = {
  registers_gazetteers: GazetteersTable;
  registers_gazetteer_addresses: GazetteerAddressesTable;
  registers_addresses: AddressesTable;
  registers_address_conflicts: AddressConflictsTable;
  registers_match_runs: MatchRunsTable;
  registers_match_results: MatchResultsTable;
} & PersonIndexTables;

// Person index (migrations/0002_person_index.sql).
export interface PersonSystemsTable {
  key: string;
  organisation_code: string;
  code: string;
  name: string;
  mapping: Json<unknown>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PersonLoadsTable {
  id: Generated<number>;
  system_key: string;
  file_name: string;
  sha256: string;
  row_count: number;
  added_count: number;
  updated_count: number;
  unchanged_count: number;
  retired_count: number;
  refused_count: number;
  problems: Json<unknown>;
  loaded_by: string | null;
  loaded_at: CreatedAt;
}

export interface PersonsTable {
  id: string;
  status: 'active' | 'merged' | 'retired';
  merged_into: string | null;
  record_count: number;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PersonRecordsTable {
  id: Generated<number>;
  system_key: string;
  source_record_id: string;
  status: 'active' | 'retired';
  title: string | null;
  given_name: string | null;
  middle_names: string | null;
  surname: string | null;
  full_name: string | null;
  date_of_birth: string | null;
  sex: string | null;
  nhs_number: string | null;
  address: string | null;
  postcode: string | null;
  uprn: string | null;
  phone: string | null;
  email: string | null;
  source_row: Json<unknown>;
  content_hash: string;
  person_id: string | null;
  first_load_id: number | null;
  last_load_id: number | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PersonModelsTable {
  version: Generated<number>;
  model: Json<unknown>;
  trained_from: 'em' | 'labels';
  labelled_pairs: number;
  record_count: number;
  trained_by: string | null;
  trained_at: CreatedAt;
}

export interface PersonBuildsTable {
  id: Generated<number>;
  model_version: number;
  record_count: number;
  person_count: number;
  new_person_count: number;
  merge_count: number;
  split_count: number;
  review_pair_count: number;
  threshold: number;
  review_lower_bound: number;
  seconds: number;
  built_by: string | null;
  built_at: CreatedAt;
  started_at: Date | null;
  mode: 'full' | 'incremental';
  relinked_record_count: number | null;
}

export interface PersonHistoryTable {
  id: Generated<number>;
  person_id: string;
  event: 'created' | 'merged' | 'absorbed' | 'split' | 'split-from' | 'retired' | 'record-registered';
  other_person_ids: ColumnType<string[], string[] | undefined, string[]>;
  build_id: number | null;
  detail: ColumnType<unknown, string | undefined, string>;
  occurred_at: CreatedAt;
}

export interface PersonReviewPairsTable {
  id: Generated<number>;
  build_id: number;
  left_system_key: string;
  left_record_id: string;
  right_system_key: string;
  right_record_id: string;
  match_probability: number;
  match_weight: number;
  explanation: Json<unknown>;
}

export interface PersonDecisionsTable {
  left_system_key: string;
  left_record_id: string;
  right_system_key: string;
  right_record_id: string;
  decision: 'same' | 'different';
  reason: string;
  match_probability: number | null;
  decided_by: string | null;
  decided_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type PersonIndexTables = {
  registers_person_systems: PersonSystemsTable;
  registers_person_loads: PersonLoadsTable;
  registers_persons: PersonsTable;
  registers_person_records: PersonRecordsTable;
  registers_person_models: PersonModelsTable;
  registers_person_builds: PersonBuildsTable;
  registers_person_history: PersonHistoryTable;
  registers_person_review_pairs: PersonReviewPairsTable;
  registers_person_decisions: PersonDecisionsTable;
};
