/** Roles are held per organisation; what each allows is decided here, once. */

export const ROLES = ['admin', 'viewer', 'analyst', 'caseworker', 'information-governance'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  viewer: 'Viewer',
  analyst: 'Analyst',
  caseworker: 'Caseworker',
  'information-governance': 'Information governance',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "Manages the organisation's users, systems and settings",
  viewer: "Sees the organisation's non-personal information",
  analyst: 'Works with pseudonymised and aggregate data',
  caseworker: 'Sees personal data of people they have a direct care or case relationship with',
  'information-governance': 'Approves data sharing and reads the audit trail',
};

export interface Membership {
  organisationCode: string;
  organisationName: string;
  roles: Role[];
}

/** The signed-in user as every request sees it. */
export interface SignedInUser {
  id: string;
  username: string;
  displayName: string;
  memberships: Membership[];
}

/** @example hasRole(user, 'casterbridge', 'admin') */
export function hasRole(user: SignedInUser | undefined, organisationCode: string, role: Role): boolean {
  return Boolean(user?.memberships.some((m) => m.organisationCode === organisationCode && m.roles.includes(role)));
}

export function isMemberOf(user: SignedInUser | undefined, organisationCode: string): boolean {
  return Boolean(user?.memberships.some((m) => m.organisationCode === organisationCode));
}

/** Roles that may see personal data at all (each view is still audited with a reason). */
export const PERSONAL_DATA_ROLES: readonly Role[] = ['caseworker', 'information-governance'];

export function mayViewPersonalData(user: SignedInUser | undefined, organisationCode: string): boolean {
  return PERSONAL_DATA_ROLES.some((role) => hasRole(user, organisationCode, role));
}
