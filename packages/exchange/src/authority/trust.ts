/**
 * Trusted federations (X-Road's federation of instances): another authority whose members may
 * call our services once a provider grants them. We record its configuration URL and its
 * configuration-signing keys (its anchor, from its GET …/anchor), and publish them, so our
 * gateways can fetch and verify its configuration to learn its members' gateways and
 * certificates. Each key id is checked against its key (SHA-256 of the SPKI DER). The other
 * federation is also recorded as a known, non-hosted federation. The operators decide.
 */
import { createPublicKey } from 'node:crypto';
import { Problems } from '@joinery/core';
import type { SigningKey } from '../configuration/model.ts';
import { keyIdOf } from '../configuration/signature.ts';
import { auditAs, mustBeAllowed, type Actor } from './actor.ts';
import { checkText, FEDERATION_CODE, shown } from './checks.ts';
import { publishConfiguration } from './configuration.ts';
import type { AuthorityContext } from './context.ts';
import { authorityError } from './errors.ts';
import { findHostedFederation, operatorsWho } from './lookups.ts';
import type { TrustedFederation } from './model.ts';

function checkSigningKeys(problems: Problems, keys: unknown): SigningKey[] {
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > 10) {
    problems.add({
      field: 'signingKeys',
      message: 'Give the other authority’s configuration signing keys (1 to 10 of them, from its anchor)',
    });
    return [];
  }
  return keys.flatMap((key, i): SigningKey[] => {
    const { keyId, publicKeyPem } = (key ?? {}) as Partial<SigningKey>;
    try {
      const publicKey = createPublicKey(String(publicKeyPem));
      if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('not Ed25519');
      const actual = keyIdOf(publicKey);
      if (keyId !== actual) {
        problems.add({
          field: `signingKeys/${i}/keyId`,
          message: `Key ${i + 1}: its id is ${actual}, not "${shown(String(keyId))}" (the anchor has been altered or mistyped)`,
        });
        return [];
      }
      return [{ keyId: actual, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() }];
    } catch {
      problems.add({ field: `signingKeys/${i}/publicKeyPem`, message: `Key ${i + 1} is not an Ed25519 public key in PEM` });
      return [];
    }
  });
}

/**
 * @example await trustFederation(authority, actor, { federationCode: 'wessex', code: 'lower-wessex', ...anchorOfLowerWessex });
 */
export async function trustFederation(
  authority: AuthorityContext,
  actor: Actor,
  input: { federationCode: string; code: string; name: string; configurationUrl: string; signingKeys: SigningKey[] },
): Promise<TrustedFederation> {
  const { db } = authority;
  const federation = await findHostedFederation(db, input.federationCode);
  const problems = new Problems();
  if (typeof input.code !== 'string' || !FEDERATION_CODE.test(input.code))
    problems.add({ field: 'code', message: `"${shown(String(input.code))}" is not a federation code` });
  else if (input.code === federation.code) problems.add({ field: 'code', message: 'A federation does not need to trust itself' });
  const name = checkText(problems, 'name', 'the other federation’s name', input.name, 200);
  let configurationUrl = '';
  try {
    const url = new URL(String(input.configurationUrl));
    if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password) throw new Error('scheme');
    configurationUrl = url.toString().slice(0, 500);
  } catch {
    problems.add({
      field: 'configurationUrl',
      message: `The configuration URL must be an http(s) address (it is "${shown(String(input.configurationUrl))}")`,
    });
  }
  const signingKeys = checkSigningKeys(problems, input.signingKeys);
  if (!problems.isEmpty) throw authorityError('EXCHANGE_TRUST_INVALID', 'The trusted federation cannot be recorded', problems.list);
  await mustBeAllowed(db, actor, {
    administrators: [federation.operator_organisation_code],
    doing: `record federations ${federation.code} trusts`,
    who: operatorsWho(federation),
    subjectType: 'exchange-federation',
    subjectId: federation.code,
  });
  const hosted = await db.selectFrom('exchange_federations').select('is_hosted').where('code', '=', input.code).executeTakeFirst();
  const by = actor.kind === 'user' ? actor.user.username : actor.via;
  await db.transaction().execute(async (trx) => {
    if (!hosted)
      await trx
        .insertInto('exchange_federations')
        .values({ code: input.code, name, is_hosted: false, configuration_url: configurationUrl, operator_organisation_code: null })
        .execute();
    else if (!hosted.is_hosted)
      await trx
        .updateTable('exchange_federations')
        .set({ name, configuration_url: configurationUrl })
        .where('code', '=', input.code)
        .execute();
    await trx
      .insertInto('exchange_trusted_federations')
      .values({
        federation_code: federation.code,
        trusted_code: input.code,
        name,
        configuration_url: configurationUrl,
        signing_keys: JSON.stringify(signingKeys),
        created_by: by,
      })
      .onConflict((oc) =>
        oc.columns(['federation_code', 'trusted_code']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          configuration_url: eb.ref('excluded.configuration_url'),
          signing_keys: eb.ref('excluded.signing_keys'),
          created_by: eb.ref('excluded.created_by'),
        })),
      )
      .execute();
    await auditAs(trx, actor, {
      action: 'exchange.trust.add',
      subjectType: 'exchange-federation',
      subjectId: federation.code,
      details: { trusted: input.code, configurationUrl, keyIds: signingKeys.map((k) => k.keyId) },
    });
    await publishConfiguration(authority, null, federation.code, trx);
  });
  return (await listTrustedFederations(authority, federation.code)).find((t) => t.code === input.code)!;
}

/** Stops trusting a federation (operators); its clients' grants stay recorded but gateways refuse them. Publishes. */
export async function untrustFederation(
  authority: AuthorityContext,
  actor: Actor,
  input: { federationCode: string; code: string },
): Promise<void> {
  const { db } = authority;
  const federation = await findHostedFederation(db, input.federationCode);
  const row = await db
    .selectFrom('exchange_trusted_federations')
    .select('trusted_code')
    .where('federation_code', '=', federation.code)
    .where('trusted_code', '=', String(input.code))
    .executeTakeFirst();
  if (!row) throw authorityError('EXCHANGE_TRUST_UNKNOWN', `Federation ${federation.code} does not trust "${shown(String(input.code))}"`);
  await mustBeAllowed(db, actor, {
    administrators: [federation.operator_organisation_code],
    doing: `change the federations ${federation.code} trusts`,
    who: operatorsWho(federation),
    subjectType: 'exchange-federation',
    subjectId: federation.code,
  });
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('exchange_trusted_federations')
      .where('federation_code', '=', federation.code)
      .where('trusted_code', '=', row.trusted_code)
      .execute();
    await auditAs(trx, actor, {
      action: 'exchange.trust.remove',
      subjectType: 'exchange-federation',
      subjectId: federation.code,
      details: { trusted: row.trusted_code },
    });
    await publishConfiguration(authority, null, federation.code, trx);
  });
}

export async function listTrustedFederations(authority: AuthorityContext, federationCode: string): Promise<TrustedFederation[]> {
  await findHostedFederation(authority.db, federationCode);
  const rows = await authority.db
    .selectFrom('exchange_trusted_federations')
    .selectAll()
    .where('federation_code', '=', federationCode)
    .orderBy('trusted_code')
    .execute();
  return rows.map((t) => ({
    code: t.trusted_code,
    name: t.name,
    configurationUrl: t.configuration_url,
    signingKeys: t.signing_keys,
    createdBy: t.created_by,
    createdAt: new Date(t.created_at).toISOString(),
  }));
}
