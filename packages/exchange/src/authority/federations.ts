/**
 * Federations. A hosted federation is one this server is the authority of: creating it makes
 * its certification authority, its configuration-signing key and its timestamping key (with a
 * certificate from the CA for id-kp-timeStamping, RFC 3161 §2.3), each sealed under the
 * key-encryption key, and publishes its first configuration. Its members are also a core
 * partnership of kind "federation" with the same code, so the rest of Joinery sees who is in it.
 * Its operator is the organisation that created it: that organisation's administrators admit
 * and revoke members, record trust and publish.
 */
import { Problems } from '@joinery/core';
import { CLOCK_SKEW_MS, createCertificateAuthority } from '../pki/certificate-authority.ts';
import { issueCertificate } from '../pki/issue-certificate.ts';
import { generateSigningKeyPair } from '../pki/keys.ts';
import { generateTimestampingKeyPair } from '../timestamp/timestamp-authority.ts';
import { formatMemberId } from '../identifiers.ts';
import { auditAs, mustBeAllowed, type Actor } from './actor.ts';
import { storeAuthorityKey } from './authority-keys.ts';
import { checkText, FEDERATION_CODE, shown } from './checks.ts';
import { publishConfiguration } from './configuration.ts';
import type { SignedConfiguration } from '../configuration/model.ts';
import type { AuthorityContext } from './context.ts';
import { authorityError } from './errors.ts';
import { findHostedFederation, operatorsWho } from './lookups.ts';
import { admitWithin, memberClassOf } from './members.ts';
import { recordCertificate } from './certificates.ts';
import type { FederationsTable } from './tables.ts';
import type { Selectable } from 'kysely';
import type { Federation } from './model.ts';

export interface NewFederation {
  code: string;
  name: string;
  /** The authority's public base URL, e.g. http://localhost:3000: gateways fetch <publicUrl>/api/exchange/federations/<code>/configuration. */
  publicUrl: string;
  /** The organisation that operates it (its administrators administer the federation). */
  operatorOrganisationCode: string;
  /** Organisations admitted as members at once (each with the member class its type implies). */
  organisationCodes?: string[];
  /** How long each published configuration stays valid; default 168 (a week). */
  configurationValidityHours?: number;
}

const toFederation = (row: Selectable<FederationsTable>): Federation => ({
  code: row.code,
  name: row.name,
  isHosted: row.is_hosted,
  configurationUrl: row.configuration_url,
  configurationValidityHours: row.configuration_validity_hours,
  operatorOrganisationCode: row.operator_organisation_code,
  createdAt: new Date(row.created_at).toISOString(),
});

/** The configuration URL of a hosted federation, from the authority's public base URL. */
export function configurationUrlOf(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/api/exchange/federations/${code}/configuration`;
}

function checkPublicUrl(problems: Problems, value: unknown): string {
  try {
    const url = new URL(String(value));
    if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.search || url.hash) throw new Error('scheme');
    return url.toString().replace(/\/+$/, '');
  } catch {
    problems.add({
      field: 'publicUrl',
      message: `The public URL must be the authority's address, http(s)://host[:port][/path] (it is "${shown(String(value))}")`,
    });
    return '';
  }
}

/**
 * @example await createFederation(authority, systemActor('cli'), { code: 'wessex', name: 'Wessex', publicUrl: 'http://localhost:3000', operatorOrganisationCode: 'wessex-council' });
 */
export async function createFederation(authority: AuthorityContext, actor: Actor, input: NewFederation): Promise<Federation> {
  const { db } = authority;
  const problems = new Problems();
  if (typeof input.code !== 'string' || !FEDERATION_CODE.test(input.code))
    problems.add({
      field: 'code',
      message: `The federation code must be 2 to 63 lower-case letters, digits or hyphens (it is "${shown(String(input.code))}")`,
    });
  // /exchange/federations/new is the page that creates one: a federation of that code could not be reached.
  else if (input.code === 'new') problems.add({ field: 'code', message: 'The federation code "new" is reserved: choose another' });
  const name = checkText(problems, 'name', 'the federation’s name', input.name, 200);
  const publicUrl = checkPublicUrl(problems, input.publicUrl);
  const hours = input.configurationValidityHours ?? 168;
  if (!Number.isInteger(hours) || hours < 1 || hours > 8760)
    problems.add({ field: 'configurationValidityHours', message: 'A configuration stays valid from 1 to 8760 hours' });
  const codes = [...new Set(input.organisationCodes ?? [])];
  if (!problems.isEmpty) throw authorityError('EXCHANGE_FEDERATION_INVALID', 'The federation cannot be created', problems.list);

  const known = await db
    .selectFrom('organisations')
    .select(['code', 'name', 'type'])
    .where('code', 'in', [input.operatorOrganisationCode, ...codes])
    .execute();
  for (const code of [input.operatorOrganisationCode, ...codes])
    if (!known.some((o) => o.code === code))
      problems.add({
        field: code === input.operatorOrganisationCode ? 'operatorOrganisationCode' : 'organisationCodes',
        message: `There is no organisation with the code "${shown(String(code))}"`,
      });
  if (!problems.isEmpty) throw authorityError('EXCHANGE_ORGANISATION_UNKNOWN', problems.list[0]!.message, problems.list);
  await mustBeAllowed(db, actor, {
    administrators: [input.operatorOrganisationCode],
    doing: `create a federation operated by ${input.operatorOrganisationCode}`,
    who: `an administrator of ${input.operatorOrganisationCode}`,
    subjectType: 'exchange-federation',
    subjectId: input.code,
  });
  if (await db.selectFrom('exchange_federations').select('code').where('code', '=', input.code).executeTakeFirst())
    throw authorityError('EXCHANGE_FEDERATION_EXISTS', `A federation with the code "${input.code}" already exists`);
  const partnership = await db.selectFrom('partnerships').selectAll().where('code', '=', input.code).executeTakeFirst();
  if (partnership && partnership.kind !== 'federation')
    throw authorityError(
      'EXCHANGE_FEDERATION_INVALID',
      `The code "${input.code}" is already a ${partnership.kind} partnership: choose another code for the federation`,
    );

  // The keys are made before the transaction: PKI work is slow next to SQL, and nothing is kept if the insert fails.
  const caName = name.slice(0, 64);
  // Validity from the authority's clock (backdated for peers' clock skew), so that a test's clock is the authority's.
  const notBefore = new Date(authority.now().getTime() - CLOCK_SKEW_MS);
  const ca = await createCertificateAuthority({ name: caName, federation: input.code, validDays: 3650, notBefore });
  const configurationKey = generateSigningKeyPair().privateKey;
  // ECDSA P-256, not Ed25519: third-party RFC 3161 verifiers (openssl ts) cannot check Ed25519 tokens (timestamp-authority.ts).
  const timestampingKey = generateTimestampingKeyPair();
  const timestamping = await issueCertificate(ca, {
    publicKey: timestampingKey.publicKey,
    usage: 'timestamping',
    validDays: 3650,
    notBefore,
    subject: { organisationName: caName, memberId: formatMemberId({ instance: input.code, memberClass: 'GOV', memberCode: 'authority' }) },
  });

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('exchange_federations')
      .values({
        code: input.code,
        name,
        is_hosted: true,
        configuration_url: configurationUrlOf(publicUrl, input.code),
        configuration_validity_hours: hours,
        operator_organisation_code: input.operatorOrganisationCode,
      })
      .execute();
    if (!partnership) await trx.insertInto('partnerships').values({ code: input.code, name, kind: 'federation' }).execute();
    await storeAuthorityKey(authority, trx, {
      federationCode: input.code,
      purpose: 'certification',
      privateKey: ca.privateKey,
      certificatePem: ca.certificatePem,
    });
    await storeAuthorityKey(authority, trx, { federationCode: input.code, purpose: 'configuration', privateKey: configurationKey });
    await storeAuthorityKey(authority, trx, {
      federationCode: input.code,
      purpose: 'timestamping',
      privateKey: timestampingKey.privateKey,
      certificatePem: timestamping.certificatePem,
    });
    await recordCertificate(trx, { federationCode: input.code, usage: 'certification', certificatePem: ca.certificatePem });
    await recordCertificate(trx, { federationCode: input.code, usage: 'timestamping', certificatePem: timestamping.certificatePem });
    await auditAs(trx, actor, {
      action: 'exchange.federation.create',
      organisationCode: input.operatorOrganisationCode,
      subjectType: 'exchange-federation',
      subjectId: input.code,
      details: { name, publicUrl, members: codes },
    });
    for (const organisation of known.filter((o) => codes.includes(o.code)))
      await admitWithin(trx, actor, { federationCode: input.code, organisation, memberClass: memberClassOf(organisation.type) });
    await publishConfiguration(authority, null, input.code, trx);
  });
  return toFederation(await findHostedFederation(db, input.code));
}

/** Every federation this server knows: its own and those it trusts. */
export async function listFederations(authority: AuthorityContext): Promise<Federation[]> {
  const rows = await authority.db.selectFrom('exchange_federations').selectAll().orderBy('code').execute();
  return rows.map(toFederation);
}

export async function getFederation(authority: AuthorityContext, code: string): Promise<Federation> {
  return toFederation(await findHostedFederation(authority.db, code));
}

/** Changes a hosted federation's name or configuration validity (operators); publishes. */
export async function updateFederation(
  authority: AuthorityContext,
  actor: Actor,
  code: string,
  changes: { name?: string; configurationValidityHours?: number },
): Promise<Federation> {
  const federation = await findHostedFederation(authority.db, code);
  const problems = new Problems();
  const name = changes.name === undefined ? federation.name : checkText(problems, 'name', 'the federation’s name', changes.name, 200);
  const hours = changes.configurationValidityHours ?? federation.configuration_validity_hours;
  if (!Number.isInteger(hours) || hours < 1 || hours > 8760)
    problems.add({ field: 'configurationValidityHours', message: 'A configuration stays valid from 1 to 8760 hours' });
  if (!problems.isEmpty) throw authorityError('EXCHANGE_FEDERATION_INVALID', 'The federation cannot be changed', problems.list);
  await mustBeAllowed(authority.db, actor, {
    administrators: [federation.operator_organisation_code],
    doing: `change federation ${code}`,
    who: operatorsWho(federation),
    subjectType: 'exchange-federation',
    subjectId: code,
  });
  await authority.db.transaction().execute(async (trx) => {
    await trx.updateTable('exchange_federations').set({ name, configuration_validity_hours: hours }).where('code', '=', code).execute();
    await auditAs(trx, actor, {
      action: 'exchange.federation.update',
      subjectType: 'exchange-federation',
      subjectId: code,
      details: { name, configurationValidityHours: hours },
    });
    await publishConfiguration(authority, null, code, trx);
  });
  return getFederation(authority, code);
}

/** Publishes a new configuration now (operators), e.g. before the current one expires; audited with its serial. */
export async function publishNow(authority: AuthorityContext, actor: Actor, code: string): Promise<SignedConfiguration> {
  const federation = await findHostedFederation(authority.db, code);
  await mustBeAllowed(authority.db, actor, {
    administrators: [federation.operator_organisation_code],
    doing: `publish the configuration of ${code}`,
    who: operatorsWho(federation),
    subjectType: 'exchange-federation',
    subjectId: code,
  });
  return publishConfiguration(authority, actor, code);
}
