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
};
