/**
 * Applying an external CA's revocation list (CRL): a member that runs its own PKI revokes a
 * gateway certificate there first, and the federation must stop accepting it too. The operators
 * apply the CA's current list (uploaded, or fetched by their own tooling from the CA's
 * distribution point): every certificate it lists that a gateway enrolled with here is revoked
 * in one transaction and a new configuration is published, so every gateway refuses it at its
 * next download. The list is kept, so enrolment refuses a certificate it lists. Lists only ever
 * move forward: one older than the list applied (by its CRL number, or its date) is refused.
 */
import { Problems } from '@joinery/core';
import { CertificateProblem } from '../pki/certificate-problem.ts';
import { parseCertificate } from '../pki/identity-of-certificate.ts';
import { readRevocationList, type RevocationList } from '../pki/revocation-list.ts';
import { pemOf } from '../pki/x509.ts';
import { auditAs, type Actor } from './actor.ts';
import { listCertificationAuthorities, mayChangeTrust, readFingerprint } from './certification-authorities.ts';
import { publishConfiguration } from './configuration.ts';
import type { AuthorityContext } from './context.ts';
import { authorityError } from './errors.ts';
import { findHostedFederation } from './lookups.ts';
import type { CertificationAuthority } from './model.ts';
import type { AuthorityDb } from './tables.ts';

export interface AppliedRevocationList {
  authority: CertificationAuthority;
  /** How many certificates the list names (most were never enrolled here). */
  listed: number;
  /** The gateway certificates this list revoked here now, by serial number. */
  revokedSerialNumbers: string[];
  /** Those it lists that were revoked here already. */
  alreadyRevoked: number;
}

/** Why a CA revoked a certificate, as kept with the revocation here. */
function revocationReason(list: RevocationList, entry: RevocationList['entries'][number]): string {
  const numbered = list.number === undefined ? '' : ` number ${list.number}`;
  return `revoked by its CA on ${entry.revokedAt.toISOString().slice(0, 10)}${entry.reason ? ` (${entry.reason})` : ''}: revocation list${numbered} of ${list.thisUpdate.toISOString()}`.slice(
    0,
    500,
  );
}

/** Refuses a list older than the one applied: by CRL number when both have one, else by date. */
function refuseIfOlder(list: RevocationList, applied: { crl_number: string | null; crl_this_update: Date | null }, subject: string) {
  if (!applied.crl_this_update) return;
  const appliedAt = new Date(applied.crl_this_update);
  const isOlder =
    list.number !== undefined && applied.crl_number !== null
      ? BigInt(list.number) < BigInt(applied.crl_number)
      : list.thisUpdate < appliedAt;
  if (isOlder)
    throw authorityError(
      'EXCHANGE_CRL_OLDER',
      `This list from ${subject} (${list.number === undefined ? '' : `number ${list.number}, `}issued ${list.thisUpdate.toISOString()}) is older than the one applied (${applied.crl_number === null ? '' : `number ${applied.crl_number}, `}issued ${appliedAt.toISOString()}): nothing was changed`,
    );
}

/**
 * Applies an external CA's revocation list (the operators): PEM text, or DER as bytes or base64.
 * @example await applyRevocationList(authority, actor, { federationCode: 'wessex', fingerprint, crl: pemText });
 */
export async function applyRevocationList(
  authority: AuthorityContext,
  actor: Actor,
  input: { federationCode: string; fingerprint: string; crl: string | Buffer },
): Promise<AppliedRevocationList> {
  const { db } = authority;
  const federation = await findHostedFederation(db, input.federationCode);
  const checked = new Problems();
  const fingerprint = readFingerprint(checked, input.fingerprint);
  if (!checked.isEmpty) throw authorityError('EXCHANGE_CRL_INVALID', checked.list[0]!.message, checked.list);
  const ca = await db
    .selectFrom('exchange_external_cas')
    .select(['subject', 'certificate_pem', 'removed_at'])
    .where('federation_code', '=', federation.code)
    .where('fingerprint_sha256', '=', fingerprint)
    .executeTakeFirst();
  if (!ca || ca.removed_at)
    throw authorityError(
      'EXCHANGE_CA_UNKNOWN',
      `${federation.code} trusts no external certification authority ${fingerprint.slice(0, 16)}…${ca ? ' any more (its certificates were revoked when it stopped)' : ''}`,
    );
  await mayChangeTrust(db, actor, federation, `apply revocation lists in ${federation.code}`);
  const now = authority.now();
  let list: RevocationList;
  try {
    if (typeof input.crl !== 'string' && !Buffer.isBuffer(input.crl)) throw new CertificateProblem('malformed', 'Give the revocation list');
    list = await readRevocationList(input.crl, parseCertificate(ca.certificate_pem), now);
  } catch (error) {
    if (!(error instanceof CertificateProblem)) throw error;
    const problems = new Problems();
    problems.add({ field: 'crl', message: error.message });
    throw authorityError('EXCHANGE_CRL_INVALID', error.message, problems.list);
  }
  const bySerial = new Map(list.entries.map((entry) => [entry.serialNumber, entry]));
  const by = actor.kind === 'user' ? actor.user.username : actor.via;
  const { revoked, alreadyRevoked } = await db.transaction().execute(async (trx) => {
    // The CA's row, locked: two lists applied at once go one after the other, and an enrolment
    // with its certificates waits for this list (enrolment.ts takes the row for share).
    const applied = await trx
      .selectFrom('exchange_external_cas')
      .select(['crl_number', 'crl_this_update', 'removed_at'])
      .where('federation_code', '=', federation.code)
      .where('fingerprint_sha256', '=', fingerprint)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (applied.removed_at) throw authorityError('EXCHANGE_CA_UNKNOWN', `${federation.code} has just stopped trusting ${ca.subject}`);
    refuseIfOlder(list, applied, ca.subject);
    const issued = await issuedBy(trx, federation.code, fingerprint, [...bySerial.keys()]);
    const toRevoke = issued.filter((c) => c.revoked_at === null);
    for (const certificate of toRevoke)
      await trx
        .updateTable('exchange_certificates')
        .set({ revoked_at: now, revoked_reason: revocationReason(list, bySerial.get(certificate.serial_number)!) })
        .where('federation_code', '=', federation.code)
        .where('serial_number', '=', certificate.serial_number)
        .execute();
    await replaceRevokedSerials(trx, federation.code, fingerprint, list);
    await trx
      .updateTable('exchange_external_cas')
      .set({
        crl_pem: pemOf(list.der, 'X509 CRL'),
        crl_number: list.number ?? null,
        crl_this_update: list.thisUpdate,
        crl_next_update: list.nextUpdate,
        crl_entries: list.entries.length,
        crl_applied_at: now,
        crl_applied_by: by,
      })
      .where('federation_code', '=', federation.code)
      .where('fingerprint_sha256', '=', fingerprint)
      .execute();
    const serials = toRevoke.map((c) => c.serial_number).sort();
    await auditAs(trx, actor, {
      action: 'exchange.ca.revocation-list',
      subjectType: 'exchange-federation',
      subjectId: federation.code,
      details: {
        fingerprint,
        subject: ca.subject,
        number: list.number ?? null,
        thisUpdate: list.thisUpdate.toISOString(),
        nextUpdate: list.nextUpdate.toISOString(),
        listed: list.entries.length,
        revoked: serials,
      },
    });
    // Only a change to what gateways must refuse needs a new configuration.
    if (serials.length) await publishConfiguration(authority, null, federation.code, trx);
    return { revoked: serials, alreadyRevoked: issued.length - toRevoke.length };
  });
  const after = (await listCertificationAuthorities(authority, federation.code)).find((c) => c.fingerprint === fingerprint)!;
  return { authority: after, listed: list.entries.length, revokedSerialNumbers: revoked, alreadyRevoked };
}

/** The CA's current list replaces the last one's serial numbers (a CA drops expired certificates from its lists). */
async function replaceRevokedSerials(db: AuthorityDb, federationCode: string, fingerprint: string, list: RevocationList) {
  await db
    .deleteFrom('exchange_ca_revoked_serials')
    .where('federation_code', '=', federationCode)
    .where('issuer_fingerprint_sha256', '=', fingerprint)
    .execute();
  // One row per serial: a list may name one twice.
  const rows = [...new Map(list.entries.map((e) => [e.serialNumber, e])).values()].map((e) => ({
    federation_code: federationCode,
    issuer_fingerprint_sha256: fingerprint,
    serial_number: e.serialNumber,
    revoked_at: e.revokedAt,
    reason: e.reason ?? null,
  }));
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('exchange_ca_revoked_serials')
      .values(rows.slice(i, i + 1000))
      .execute();
}

/** The certificates recorded here that the CA issued, among `serials` (queried in slices: a list may name thousands). */
async function issuedBy(db: AuthorityDb, federationCode: string, fingerprint: string, serials: string[]) {
  const found: { serial_number: string; revoked_at: Date | null }[] = [];
  for (let i = 0; i < serials.length; i += 1000) {
    const slice = serials.slice(i, i + 1000);
    found.push(
      ...(await db
        .selectFrom('exchange_certificates')
        .select(['serial_number', 'revoked_at'])
        .where('federation_code', '=', federationCode)
        .where('issuer_fingerprint_sha256', '=', fingerprint)
        .where('serial_number', 'in', slice)
        .execute()),
    );
  }
  return found;
}

/**
 * Whether the list last applied for an external CA names a certificate (enrolment refuses one it
 * does). Inside a transaction, `forShare` waits for a list being applied and holds it off.
 */
export async function revokedByCaList(
  db: AuthorityDb,
  federationCode: string,
  issuerFingerprint: string,
  serialNumber: string,
  { forShare = false } = {},
): Promise<{ revokedAt: Date; reason?: string } | undefined> {
  if (forShare)
    await db
      .selectFrom('exchange_external_cas')
      .select('fingerprint_sha256')
      .where('federation_code', '=', federationCode)
      .where('fingerprint_sha256', '=', issuerFingerprint)
      .forShare()
      .execute();
  const row = await db
    .selectFrom('exchange_ca_revoked_serials')
    .select(['revoked_at', 'reason'])
    .where('federation_code', '=', federationCode)
    .where('issuer_fingerprint_sha256', '=', issuerFingerprint)
    .where('serial_number', '=', serialNumber)
    .executeTakeFirst();
  return row && { revokedAt: new Date(row.revoked_at), ...(row.reason ? { reason: row.reason } : {}) };
}

/** The refusal of a certificate the CA's list names. */
export const listedMessage = (subject: string, serialNumber: string, listed: { revokedAt: Date; reason?: string }) =>
  `${subject} (serial ${serialNumber}) was revoked by its CA on ${listed.revokedAt.toISOString().slice(0, 10)}${listed.reason ? ` (${listed.reason})` : ''}, in the revocation list applied here: have the CA issue a new one`;
