/**
 * The certification authorities whose gateway certificates a federation accepts: its own (which
 * issues certificates at enrolment) and external ones the operators choose to trust (X-Road's
 * approved certification services) — an NHS trust's PKI, a council's own CA — so a member that
 * already runs a CA enrols its gateway with certificates from it (enrolment.ts). Trusting one
 * publishes a configuration listing it, so every gateway accepts TLS connections and signatures
 * from certificates it issued; those certificates still work only for the gateway whose
 * fingerprint the configuration names. Stopping revokes every certificate it issued here.
 */
import { Problems } from '@joinery/core';
import { CertificateProblem } from '../pki/certificate-problem.ts';
import { parseCertificate, type ParsedCertificate } from '../pki/identity-of-certificate.ts';
import { readSha256Fingerprint } from '../pki/fingerprint-text.ts';
import { x509 } from '../pki/x509.ts';
import { auditAs, mustBeAllowed, type Actor } from './actor.ts';
import { checkText, shown } from './checks.ts';
import { publishConfiguration } from './configuration.ts';
import type { AuthorityContext } from './context.ts';
import { authorityError } from './errors.ts';
import { findHostedFederation, operatorsWho, type FederationRow } from './lookups.ts';
import type { AuthorityDb } from './tables.ts';
import type { CertificationAuthority } from './model.ts';

/** A CA certificate is a kilobyte or two; a long chain pasted by mistake is refused with a reason. */
const CA_CERTIFICATE_MAX_CHARS = 20_000;

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** Reads a CA certificate offered for trust: one PEM certificate, a CA, valid now, intact. Adds problems; returns it when fit. */
function readCaCertificate(problems: Problems, text: unknown, now: Date): ParsedCertificate | undefined {
  const field = 'certificatePem';
  if (typeof text !== 'string' || !text.includes('-----BEGIN CERTIFICATE-----')) {
    problems.add({ field, message: 'Give the CA’s certificate as PEM text (-----BEGIN CERTIFICATE----- …)' });
    return undefined;
  }
  if (text.length > CA_CERTIFICATE_MAX_CHARS) {
    problems.add({ field, message: `The CA certificate is at most ${CA_CERTIFICATE_MAX_CHARS.toLocaleString('en-GB')} characters of PEM` });
    return undefined;
  }
  if (text.split('-----BEGIN CERTIFICATE-----').length > 2) {
    problems.add({ field, message: 'Give one CA certificate at a time: the text holds several (trust each issuing CA on its own)' });
    return undefined;
  }
  let parsed: ParsedCertificate;
  try {
    parsed = parseCertificate(text.trim());
  } catch (error) {
    if (!(error instanceof CertificateProblem)) throw error;
    problems.add({ field, message: error.message });
    return undefined;
  }
  const { identity } = parsed;
  if (!parsed.isCa || !parsed.native.ca)
    problems.add({ field, message: `${identity.subject} is not a CA certificate (its basicConstraints do not say cA)` });
  else if (parsed.keyUsage !== undefined && !(parsed.keyUsage & x509.KeyUsageFlags.keyCertSign))
    problems.add({ field, message: `${identity.subject} may not sign certificates (its key usage lacks keyCertSign)` });
  if (now > identity.notAfter) problems.add({ field, message: `${identity.subject} expired on ${identity.notAfter.toISOString()}` });
  if (now < identity.notBefore)
    problems.add({ field, message: `${identity.subject} is not valid until ${identity.notBefore.toISOString()} (check the clocks)` });
  // A self-signed root must verify under its own key: a damaged copy is refused here, not at the first TLS handshake.
  if (parsed.native.checkIssued(parsed.native) && !parsed.native.verify(parsed.native.publicKey))
    problems.add({ field, message: `${identity.subject} is self-signed but its signature does not verify: the copy is damaged` });
  return problems.isEmpty ? parsed : undefined;
}

/** A CA's SHA-256 fingerprint as given (a label, colons and capitals allowed), lower-case hex; adds a problem when it is not one. */
export function readFingerprint(problems: Problems, value: unknown): string {
  const fingerprint = typeof value === 'string' ? readSha256Fingerprint(value) : undefined;
  if (!fingerprint)
    problems.add({ field: 'fingerprint', message: `"${shown(String(value))}" is not a SHA-256 fingerprint (64 hex digits)` });
  return fingerprint ?? '';
}

/** Only the federation's operators change which CAs it trusts, and apply their revocation lists. */
export const mayChangeTrust = (db: AuthorityDb, actor: Actor, federation: FederationRow, doing: string) =>
  mustBeAllowed(db, actor, {
    administrators: [federation.operator_organisation_code],
    doing,
    who: operatorsWho(federation),
    subjectType: 'exchange-federation',
    subjectId: federation.code,
  });

/**
 * Trusts an external CA (the operators); publishes. Trusting one the federation stopped trusting
 * trusts it again (its revoked certificates stay revoked).
 * @example await trustCertificationAuthority(authority, actor, { federationCode: 'wessex', name: 'Wessex NHS issuing CA', certificatePem });
 */
export async function trustCertificationAuthority(
  authority: AuthorityContext,
  actor: Actor,
  input: { federationCode: string; name: string; certificatePem: string },
): Promise<CertificationAuthority> {
  const { db } = authority;
  const federation = await findHostedFederation(db, input.federationCode);
  const problems = new Problems();
  const name = checkText(problems, 'name', 'a name for the certification authority', input.name, 200);
  const ca = readCaCertificate(problems, input.certificatePem, authority.now());
  if (!problems.isEmpty || !ca) throw authorityError('EXCHANGE_CA_INVALID', 'The certification authority cannot be trusted', problems.list);
  await mayChangeTrust(db, actor, federation, `change the certification authorities ${federation.code} trusts`);
  const fingerprint = ca.identity.fingerprint256;
  const known = (await listCertificationAuthorities(authority, federation.code)).find((c) => c.fingerprint === fingerprint);
  if (known && !known.isExternal)
    throw authorityError('EXCHANGE_CA_EXISTS', `${ca.identity.subject} is ${federation.code}’s own certification authority`);
  if (known?.isTrusted)
    throw authorityError('EXCHANGE_CA_EXISTS', `${federation.code} already trusts ${ca.identity.subject}, as “${known.name}”`);
  const by = actor.kind === 'user' ? actor.user.username : actor.via;
  const row = {
    name,
    subject: ca.identity.subject.slice(0, 1000),
    not_before: ca.identity.notBefore,
    not_after: ca.identity.notAfter,
    certificate_pem: input.certificatePem.trim(),
    added_by: by,
    added_at: authority.now(),
    removed_at: null,
    removed_by: null,
    removed_reason: null,
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('exchange_external_cas')
      .values({ federation_code: federation.code, fingerprint_sha256: fingerprint, ...row })
      .onConflict((oc) => oc.columns(['federation_code', 'fingerprint_sha256']).doUpdateSet(row))
      .execute();
    await auditAs(trx, actor, {
      action: 'exchange.ca.trust',
      subjectType: 'exchange-federation',
      subjectId: federation.code,
      details: { fingerprint, name, subject: ca.identity.subject, isAgain: Boolean(known) },
    });
    await publishConfiguration(authority, null, federation.code, trx);
  });
  return (await listCertificationAuthorities(authority, federation.code)).find((c) => c.fingerprint === fingerprint)!;
}

/**
 * Stops trusting an external CA (the operators): every certificate it issued to the federation's
 * gateways is revoked in the same transaction, so those gateways leave the configuration until
 * they enrol again. Publishes.
 * @example await stopTrustingCertificationAuthority(authority, actor, { federationCode: 'wessex', fingerprint, reason: 'CA retired' });
 */
export async function stopTrustingCertificationAuthority(
  authority: AuthorityContext,
  actor: Actor,
  input: { federationCode: string; fingerprint: string; reason: string },
): Promise<{ authority: CertificationAuthority; revokedSerialNumbers: string[] }> {
  const { db } = authority;
  const federation = await findHostedFederation(db, input.federationCode);
  const problems = new Problems();
  const reason = checkText(problems, 'reason', 'the reason for no longer trusting it', input.reason, 500);
  const fingerprint = readFingerprint(problems, input.fingerprint);
  if (!problems.isEmpty) throw authorityError('EXCHANGE_CA_INVALID', 'The certification authority cannot be removed', problems.list);
  const row = await db
    .selectFrom('exchange_external_cas')
    .select(['subject', 'removed_at'])
    .where('federation_code', '=', federation.code)
    .where('fingerprint_sha256', '=', fingerprint)
    .executeTakeFirst();
  if (!row || row.removed_at)
    throw authorityError(
      'EXCHANGE_CA_UNKNOWN',
      `${federation.code} trusts no external certification authority ${fingerprint.slice(0, 16)}…`,
    );
  await mayChangeTrust(db, actor, federation, `change the certification authorities ${federation.code} trusts`);
  const now = authority.now();
  const by = actor.kind === 'user' ? actor.user.username : actor.via;
  const revoked = await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('exchange_external_cas')
      .set({ removed_at: now, removed_by: by, removed_reason: reason })
      .where('federation_code', '=', federation.code)
      .where('fingerprint_sha256', '=', fingerprint)
      .execute();
    const rows = await trx
      .updateTable('exchange_certificates')
      .set({ revoked_at: now, revoked_reason: `its issuer is no longer trusted: ${reason}`.slice(0, 500) })
      .where('federation_code', '=', federation.code)
      .where('issuer_fingerprint_sha256', '=', fingerprint)
      .where('revoked_at', 'is', null)
      .returning('serial_number')
      .execute();
    const serials = rows.map((r) => r.serial_number).sort();
    await auditAs(trx, actor, {
      action: 'exchange.ca.distrust',
      subjectType: 'exchange-federation',
      subjectId: federation.code,
      reason,
      details: { fingerprint, subject: row.subject, revoked: serials },
    });
    await publishConfiguration(authority, null, federation.code, trx);
    return serials;
  });
  const after = (await listCertificationAuthorities(authority, federation.code, { isIncludingRemoved: true })).find(
    (c) => c.fingerprint === fingerprint,
  )!;
  return { authority: after, revokedSerialNumbers: revoked };
}

/** The federation's own CA first, then the external ones it trusts (and, if asked, those it no longer does). */
export async function listCertificationAuthorities(
  authority: AuthorityContext,
  federationCode: string,
  { isIncludingRemoved = false } = {},
): Promise<CertificationAuthority[]> {
  const { db } = authority;
  const federation = await findHostedFederation(db, federationCode);
  const now = authority.now();
  const [own, external, inForce] = await Promise.all([
    db
      .selectFrom('exchange_authority_keys')
      .select(['certificate_pem', 'created_at'])
      .where('federation_code', '=', federation.code)
      .where('purpose', '=', 'certification')
      .where('retired_at', 'is', null)
      .orderBy('created_at')
      .execute(),
    db.selectFrom('exchange_external_cas').selectAll().where('federation_code', '=', federation.code).orderBy('added_at').execute(),
    db
      .selectFrom('exchange_certificates')
      .select(['issuer_fingerprint_sha256 as issuer', (eb) => eb.fn.countAll<string>().as('count')])
      .where('federation_code', '=', federation.code)
      .where('usage', 'in', ['auth', 'sign'])
      .where('revoked_at', 'is', null)
      .where('not_after', '>', now)
      .groupBy('issuer_fingerprint_sha256')
      .execute(),
  ]);
  const countFor = (issuer: string | null) => Number(inForce.find((r) => r.issuer === issuer)?.count ?? 0);
  const owned = own
    .filter((k) => k.certificate_pem)
    .map((k): CertificationAuthority => {
      const { identity } = parseCertificate(k.certificate_pem!);
      return {
        fingerprint: identity.fingerprint256,
        name: `${federation.name} certification authority`,
        isExternal: false,
        subject: identity.subject,
        notBefore: identity.notBefore.toISOString(),
        notAfter: identity.notAfter.toISOString(),
        certificatePem: k.certificate_pem!,
        isTrusted: true,
        certificatesInForce: countFor(null),
        addedBy: null,
        addedAt: iso(k.created_at),
        removedAt: null,
        removedBy: null,
        removedReason: null,
        revocationList: null,
      };
    });
  const others = external
    .filter((c) => isIncludingRemoved || !c.removed_at)
    .map((c): CertificationAuthority => ({
      fingerprint: c.fingerprint_sha256,
      name: c.name,
      isExternal: true,
      subject: c.subject,
      notBefore: iso(c.not_before)!,
      notAfter: iso(c.not_after)!,
      certificatePem: c.certificate_pem,
      isTrusted: !c.removed_at,
      certificatesInForce: c.removed_at ? 0 : countFor(c.fingerprint_sha256),
      addedBy: c.added_by,
      addedAt: iso(c.added_at),
      removedAt: iso(c.removed_at),
      removedBy: c.removed_by,
      removedReason: c.removed_reason,
      revocationList:
        c.crl_this_update && c.crl_applied_at
          ? {
              number: c.crl_number,
              thisUpdate: iso(c.crl_this_update)!,
              nextUpdate: iso(c.crl_next_update),
              isOverdue: c.crl_next_update !== null && new Date(c.crl_next_update) < now,
              entries: c.crl_entries ?? 0,
              appliedAt: iso(c.crl_applied_at)!,
              appliedBy: c.crl_applied_by,
            }
          : null,
    }));
  return [...owned, ...others];
}

/** The external CAs trusted now, for enrolment and the configuration (inside the caller's transaction). */
export async function trustedExternalCas(db: AuthorityDb, federationCode: string) {
  return db
    .selectFrom('exchange_external_cas')
    .select(['fingerprint_sha256', 'name', 'certificate_pem'])
    .where('federation_code', '=', federationCode)
    .where('removed_at', 'is', null)
    .orderBy('added_at')
    .orderBy('fingerprint_sha256')
    .execute();
}
