/** Kysely types for core's tables (see migrations/0001_core.sql for what each column means). */
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface OrganisationsTable {
  code: string;
  name: string;
  type: string;
  successor_code: string | null;
  created_at: CreatedAt;
}

export interface OrganisationIdentifiersTable {
  organisation_code: string;
  kind: string;
  value: string;
}

export interface PartnershipsTable {
  code: string;
  name: string;
  kind: string;
}

export interface PartnershipMembersTable {
  partnership_code: string;
  organisation_code: string;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string | null;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface UserRolesTable {
  user_id: string;
  organisation_code: string;
  role: string;
}

export interface UserIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
}

export interface SessionsTable {
  id: string;
  data: unknown;
  expires_at: Date;
}

export interface AuditEventsTable {
  id: Generated<number>;
  occurred_at: CreatedAt;
  actor_user_id: string | null;
  actor_username: string | null;
  organisation_code: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  reason: string | null;
  outcome: Generated<string>;
  details: ColumnType<unknown, string | undefined, never>;
  client_address: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Date;
  last_used_at: Date | null;
}

export interface CoreTables {
  organisations: OrganisationsTable;
  organisation_identifiers: OrganisationIdentifiersTable;
  partnerships: PartnershipsTable;
  partnership_members: PartnershipMembersTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  user_identities: UserIdentitiesTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  api_tokens: ApiTokensTable;
}
