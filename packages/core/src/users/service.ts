/** The rules for users: who they are, how they sign in, and what they may do where. */
import type { Database } from '../db/database.ts';
import { coreError, Problems } from '../errors.ts';
import { DUMMY_HASH, hashPassword, passwordProblems, verifyPassword } from './password.ts';
import { ROLES, type Role, type SignedInUser } from './roles.ts';
import {
  deleteRoles,
  insertIdentity,
  insertRoles,
  insertUser,
  selectIdentityUser,
  selectMemberships,
  selectOrganisationUsers,
  selectUserByEmail,
  selectUserById,
  selectUserByUsername,
  updatePasswordHash,
  type OrganisationUserRow,
} from './store.ts';

export interface NewUser {
  username: string;
  displayName: string;
  email?: string | null;
  /** Omit for single sign-on only accounts. */
  password?: string;
  organisationCode: string;
  roles: Role[];
}

function validateNewUser(user: NewUser): Problems {
  const problems = new Problems();
  if (!/^[a-z0-9][a-z0-9._@-]{1,99}$/.test(user.username)) {
    problems.add({ field: 'username', message: 'Username must be 2 to 100 lower-case letters, digits, dots, hyphens, underscores or @' });
  }
  if (!user.displayName.trim()) problems.add({ field: 'displayName', message: 'Enter the person’s name' });
  if (user.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(user.email))
    problems.add({ field: 'email', message: 'Enter an email address in the right format, like name@example.org' });
  if (user.password !== undefined) for (const message of passwordProblems(user.password)) problems.add({ field: 'password', message });
  if (user.roles.length === 0) problems.add({ field: 'roles', message: 'Choose at least one role' });
  for (const role of user.roles)
    if (!ROLES.includes(role)) problems.add({ field: 'roles', message: `"${role}" is not a role: choose from ${ROLES.join(', ')}` });
  return problems;
}

/**
 * Adds a user with roles in one organisation; throws CORE_CONFLICT if the username is taken.
 * @example await addUser(database, { username: 'ann.admin', displayName: 'Ann Admin', password: 'a long passphrase', organisationCode: 'casterbridge', roles: ['admin'] });
 */
export async function addUser(database: Database, user: NewUser): Promise<string> {
  const problems = validateNewUser(user);
  problems.throwIfAny('The user cannot be added');
  const organisation = await database.db
    .selectFrom('organisations')
    .select('code')
    .where('code', '=', user.organisationCode)
    .executeTakeFirst();
  if (!organisation) throw coreError('CORE_NOT_FOUND', `There is no organisation with the code "${user.organisationCode}"`);
  if (await selectUserByUsername(database.db, user.username))
    throw coreError('CORE_CONFLICT', `The username "${user.username}" is already taken`);
  const passwordHash = user.password === undefined ? null : await hashPassword(user.password);
  return database.db.transaction().execute(async (trx) => {
    const id = await insertUser(trx, {
      username: user.username,
      displayName: user.displayName.trim(),
      email: user.email ?? null,
      passwordHash,
    });
    await insertRoles(trx, id, user.organisationCode, user.roles);
    return id;
  });
}

/** Sets a user's password (for `joinery users passwd` and first-run accounts). */
export async function setPassword(database: Database, username: string, password: string): Promise<void> {
  const problems = passwordProblems(password);
  if (problems.length > 0) throw coreError('CORE_VALIDATION', problems.join('; '));
  const user = await selectUserByUsername(database.db, username);
  if (!user) throw coreError('CORE_NOT_FOUND', `There is no user "${username}"`);
  await updatePasswordHash(database.db, user.id, await hashPassword(password));
}

/** Replaces a user's roles in one organisation (an empty list removes them from it). */
export async function setRoles(database: Database, userId: string, organisationCode: string, roles: Role[]): Promise<void> {
  for (const role of roles) if (!ROLES.includes(role)) throw coreError('CORE_VALIDATION', `"${role}" is not a role`);
  await database.db.transaction().execute(async (trx) => {
    await deleteRoles(trx, userId, organisationCode);
    await insertRoles(trx, userId, organisationCode, roles);
  });
}

/** The user as requests see them, or undefined when missing or disabled. */
export async function loadSignedInUser(database: Database, userId: string): Promise<SignedInUser | undefined> {
  const row = await selectUserById(database.db, userId);
  if (!row || !row.is_active) return undefined;
  return { id: row.id, username: row.username, displayName: row.display_name, memberships: await selectMemberships(database.db, row.id) };
}

/** Checks a username and password; the same error for unknown names and wrong passwords. */
export async function signInWithPassword(database: Database, username: string, password: string): Promise<SignedInUser> {
  const row = await selectUserByUsername(database.db, username.trim().toLowerCase());
  const matches = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  if (!row || !row.password_hash || !matches || !row.is_active) throw coreError('CORE_SIGN_IN_FAILED');
  const user = await loadSignedInUser(database, row.id);
  if (!user) throw coreError('CORE_SIGN_IN_FAILED');
  return user;
}

/**
 * Signs in an OpenID Connect account: by a linked identity, or by the verified email
 * of a user an administrator has already added (then linked). Never creates users:
 * access is granted in Joinery, not by the identity provider.
 */
export async function signInWithIdentity(
  database: Database,
  claims: { issuer: string; subject: string; email?: string; emailVerified?: boolean },
): Promise<SignedInUser> {
  let userId = await selectIdentityUser(database.db, claims.issuer, claims.subject);
  if (!userId && claims.email && claims.emailVerified) {
    const byEmail = await selectUserByEmail(database.db, claims.email);
    if (byEmail) {
      await insertIdentity(database.db, claims.issuer, claims.subject, byEmail.id);
      userId = byEmail.id;
    }
  }
  const user = userId ? await loadSignedInUser(database, userId) : undefined;
  if (!user)
    throw coreError(
      'CORE_OIDC_FAILED',
      'Your account is not set up in Joinery. Ask your organisation’s Joinery administrator to add you with this email address.',
    );
  return user;
}

export async function listOrganisationUsers(database: Database, organisationCode: string): Promise<OrganisationUserRow[]> {
  return selectOrganisationUsers(database.db, organisationCode);
}

export async function findUserByUsername(database: Database, username: string) {
  return selectUserByUsername(database.db, username);
}

/**
 * Replaces `username`'s roles in one organisation on behalf of `actor`; an empty list
 * removes them from it. Administrators cannot remove their own admin role, so an
 * organisation is never left without the person who was managing it by accident.
 */
export async function changeRoles(
  database: Database,
  actor: SignedInUser,
  organisationCode: string,
  username: string,
  roles: Role[],
): Promise<void> {
  const user = await selectUserByUsername(database.db, username);
  if (!user) throw coreError('CORE_NOT_FOUND', `There is no user "${username}"`);
  if (user.id === actor.id && !roles.includes('admin')) {
    throw coreError('CORE_VALIDATION', 'You cannot remove your own administrator role: ask another administrator', [
      { field: 'roles', message: 'You cannot remove your own administrator role' },
    ]);
  }
  await setRoles(database, user.id, organisationCode, roles);
}
