/** SQL for users, their roles and their single sign-on identities. */
import type { Kysely } from 'kysely';
import type { CoreTables } from '../db/tables.ts';
import type { Membership, Role } from './roles.ts';

type Db = Kysely<CoreTables>;

const USER_COLUMNS = ['id', 'username', 'display_name', 'email', 'password_hash', 'is_active'] as const;

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string | null;
  is_active: boolean;
}

export async function selectUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('username', '=', username).executeTakeFirst();
}

export async function selectUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function selectUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

export async function selectMemberships(db: Db, userId: string): Promise<Membership[]> {
  const rows = await db
    .selectFrom('user_roles')
    .innerJoin('organisations', 'organisations.code', 'user_roles.organisation_code')
    .select(['user_roles.organisation_code', 'organisations.name', 'user_roles.role'])
    .where('user_roles.user_id', '=', userId)
    .orderBy('organisations.name')
    .orderBy('user_roles.role')
    .execute();
  const byOrganisation = new Map<string, Membership>();
  for (const row of rows) {
    const membership = byOrganisation.get(row.organisation_code) ?? {
      organisationCode: row.organisation_code,
      organisationName: row.name,
      roles: [],
    };
    membership.roles.push(row.role as Role);
    byOrganisation.set(row.organisation_code, membership);
  }
  return [...byOrganisation.values()];
}

export async function insertUser(
  db: Db,
  user: { username: string; displayName: string; email: string | null; passwordHash: string | null },
): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({ username: user.username, display_name: user.displayName, email: user.email, password_hash: user.passwordHash })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export async function insertRoles(db: Db, userId: string, organisationCode: string, roles: Role[]): Promise<void> {
  if (roles.length === 0) return;
  await db
    .insertInto('user_roles')
    .values(roles.map((role) => ({ user_id: userId, organisation_code: organisationCode, role })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function deleteRoles(db: Db, userId: string, organisationCode: string): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).where('organisation_code', '=', organisationCode).execute();
}

export interface OrganisationUserRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  is_active: boolean;
  roles: Role[];
}

export async function selectOrganisationUsers(db: Db, organisationCode: string): Promise<OrganisationUserRow[]> {
  const rows = await db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.email', 'users.is_active', 'user_roles.role'])
    .where('user_roles.organisation_code', '=', organisationCode)
    .orderBy('users.username')
    .orderBy('user_roles.role')
    .execute();
  const byUser = new Map<string, OrganisationUserRow>();
  for (const row of rows) {
    const user = byUser.get(row.id) ?? {
      id: row.id,
      username: row.username,
      display_name: row.display_name,
      email: row.email,
      is_active: row.is_active,
      roles: [],
    };
    user.roles.push(row.role as Role);
    byUser.set(row.id, user);
  }
  return [...byUser.values()];
}

export async function selectIdentityUser(db: Db, issuer: string, subject: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('user_identities')
    .select('user_id')
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .executeTakeFirst();
  return row?.user_id;
}

export async function insertIdentity(db: Db, issuer: string, subject: string, userId: string): Promise<void> {
  await db
    .insertInto('user_identities')
    .values({ issuer, subject, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
