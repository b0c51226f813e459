/** Kysely types for the federation authority's tables (migrations/0001_federation_authority.sql and 0002_external_certification_authorities.sql say what each column means). */
import type { CoreTables, Database } from '@joinery/core';
import type { ColumnType, Generated, Kysely } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** jsonb: read back parsed, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;
/** date: 'YYYY-MM-DD' both ways (core's parsers keep dates as text). */
type Day = string;

export interface FederationsTable {
  code: string;
  name: string;
  is_hosted: boolean;
  configuration_url: string;
  configuration_validity_hours: ColumnType<number, number | undefined, number>;
  operator_organisation_code: string | null;
  created_at: CreatedAt;
}

export interface AuthorityKeysTable {
  federation_code: string;
  purpose: 'certification' | 'configuration' | 'timestamping';
  key_id: string;
  public_key_pem: string;
  encrypted_private_key: string;
  certificate_pem: string | null;
  created_at: CreatedAt;
  retired_at: Date | null;
}

export interface MembersTable {
  federation_code: string;
  member_code: string;
  member_class: string;
  organisation_code: string | null;
  name: string;
  status: ColumnType<'active' | 'revoked', 'active' | 'revoked' | undefined, 'active' | 'revoked'>;
  revoked_at: Date | null;
  revoked_reason: string | null;
  created_at: CreatedAt;
}

export interface SubsystemsTable {
  federation_code: string;
  member_code: string;
  code: string;
  name: string;
  created_at: CreatedAt;
}

export interface GatewaysTable {
  federation_code: string;
  member_code: string;
  gateway_code: string;
  address: string;
  status: ColumnType<
    'enrolling' | 'active' | 'revoked',
    'enrolling' | 'active' | 'revoked' | undefined,
    'enrolling' | 'active' | 'revoked'
  >;
  created_at: CreatedAt;
}

export interface EnrolmentTokensTable {
  id: Generated<string>;
  federation_code: string;
  member_code: string;
  gateway_code: string;
  token_sha256: string;
  expires_at: Date;
  used_at: Date | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface CertificatesTable {
  serial_number: string;
  federation_code: string;
  member_code: string | null;
  gateway_code: string | null;
  usage: 'auth' | 'sign' | 'timestamping' | 'certification';
  subject: string;
  not_before: Date;
  not_after: Date;
  certificate_pem: string;
  revoked_at: Date | null;
  revoked_reason: string | null;
  /** Null when the federation's own CA issued it (0002). */
  issuer_fingerprint_sha256: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface ExternalCasTable {
  federation_code: string;
  fingerprint_sha256: string;
  name: string;
  subject: string;
  not_before: Date;
  not_after: Date;
  certificate_pem: string;
  added_by: string | null;
  added_at: CreatedAt;
  removed_at: Date | null;
  removed_by: string | null;
  removed_reason: string | null;
  crl_pem: string | null;
  crl_number: string | null;
  crl_this_update: Date | null;
  crl_next_update: Date | null;
  crl_entries: number | null;
  crl_applied_at: Date | null;
  crl_applied_by: string | null;
}

export interface CaRevokedSerialsTable {
  federation_code: string;
  issuer_fingerprint_sha256: string;
  serial_number: string;
  revoked_at: Date;
  reason: string | null;
}

export interface ServicesTable {
  federation_code: string;
  member_code: string;
  subsystem_code: string;
  service_code: string;
  service_version: string;
  gateway_code: string;
  title: string;
  openapi_document: Json<Record<string, unknown>>;
  openapi_sha256: string;
  is_enabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ServiceOperationsTable {
  federation_code: string;
  member_code: string;
  subsystem_code: string;
  service_code: string;
  service_version: string;
  operation_id: string;
  method: string;
  path: string;
}

export type GrantStatus = 'proposed' | 'approved' | 'refused' | 'revoked' | 'superseded';

export interface GrantsTable {
  id: Generated<string>;
  federation_code: string;
  client_id: string;
  member_code: string;
  subsystem_code: string;
  service_code: string;
  service_version: string;
  operations: string[];
  purpose: string;
  lawful_basis: string;
  agreement: string;
  valid_from: Day;
  expires_on: Day;
  recertify_by: Day;
  status: ColumnType<GrantStatus, GrantStatus | undefined, GrantStatus>;
  supersedes: string | null;
  proposed_by: string | null;
  proposed_at: CreatedAt;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
}

export interface SuccessionsTable {
  federation_code: string;
  predecessor_code: string;
  successor_code: string;
  dual_running_from: Day;
  dual_running_until: Day;
  declared_by: string | null;
  declared_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface TrustedFederationsTable {
  federation_code: string;
  trusted_code: string;
  name: string;
  configuration_url: string;
  signing_keys: Json<{ keyId: string; publicKeyPem: string }[]>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ConfigurationsTable {
  federation_code: string;
  serial: number;
  signed_document: Json<unknown>;
  published_at: CreatedAt;
  published_by: string | null;
}

export interface GatewayReportsTable {
  id: Generated<number>;
  federation_code: string;
  member_code: string;
  gateway_code: string;
  received_at: CreatedAt;
  period_start: Date | string;
  period_end: Date | string;
  log_head_seq: number;
  log_head_hash: string;
  report: Json<unknown>;
}

/** The authority's own tables. */
export type ExchangeTables = {
  exchange_federations: FederationsTable;
  exchange_authority_keys: AuthorityKeysTable;
  exchange_members: MembersTable;
  exchange_subsystems: SubsystemsTable;
  exchange_gateways: GatewaysTable;
  exchange_enrolment_tokens: EnrolmentTokensTable;
  exchange_certificates: CertificatesTable;
  exchange_services: ServicesTable;
  exchange_service_operations: ServiceOperationsTable;
  exchange_grants: GrantsTable;
  exchange_successions: SuccessionsTable;
  exchange_trusted_federations: TrustedFederationsTable;
  exchange_external_cas: ExternalCasTable;
  exchange_ca_revoked_serials: CaRevokedSerialsTable;
  exchange_configurations: ConfigurationsTable;
  exchange_gateway_reports: GatewayReportsTable;
};

export type AuthorityTables = CoreTables & ExchangeTables;

export type AuthorityDb = Kysely<AuthorityTables>;

/** The same handle seen as core's, for core's helpers (recordAudit). */
export const asCoreDb = (db: AuthorityDb): Kysely<CoreTables> => db as unknown as Kysely<CoreTables>;

/** The authority's tables (and core's) on a database handle. */
export function authorityDb(db: Database['db']): AuthorityDb {
  return db.withTables<ExchangeTables>() as unknown as AuthorityDb;
}
