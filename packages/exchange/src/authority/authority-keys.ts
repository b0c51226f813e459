/**
 * The authority's own keys — its CA, configuration-signing and timestamping keys — sealed with
 * AES-256-GCM under the key-encryption key (pki/keys.ts) before they reach the database. The
 * sealing is bound to the row (`federation/purpose/keyId`), so a sealed key copied into another
 * row does not open.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { keyIdOf } from '../configuration/signature.ts';
import { decryptPrivateKey, encryptPrivateKey } from '../pki/keys.ts';
import type { AuthorityContext } from './context.ts';
import { authorityError } from './errors.ts';
import type { AuthorityDb } from './tables.ts';

export type KeyPurpose = 'certification' | 'configuration' | 'timestamping';

export interface AuthorityKey {
  keyId: string;
  privateKey: KeyObject;
  publicKeyPem: string;
  certificatePem: string | null;
}

const contextOf = (federationCode: string, purpose: KeyPurpose, keyId: string) => `${federationCode}/${purpose}/${keyId}`;

/** Seals and stores a new key of the federation. */
export async function storeAuthorityKey(
  authority: AuthorityContext,
  db: AuthorityDb,
  entry: { federationCode: string; purpose: KeyPurpose; privateKey: KeyObject; certificatePem?: string },
): Promise<string> {
  const keyId = keyIdOf(entry.privateKey);
  await db
    .insertInto('exchange_authority_keys')
    .values({
      federation_code: entry.federationCode,
      purpose: entry.purpose,
      key_id: keyId,
      public_key_pem: createPublicKey(entry.privateKey).export({ type: 'spki', format: 'pem' }).toString(),
      encrypted_private_key: encryptPrivateKey(
        entry.privateKey,
        authority.keyEncryptionKey,
        contextOf(entry.federationCode, entry.purpose, keyId),
      ),
      certificate_pem: entry.certificatePem ?? null,
    })
    .execute();
  return keyId;
}

/** The federation's current (newest unretired) key for a purpose, opened. */
export async function openAuthorityKey(
  authority: AuthorityContext,
  db: AuthorityDb,
  federationCode: string,
  purpose: KeyPurpose,
): Promise<AuthorityKey> {
  const row = await db
    .selectFrom('exchange_authority_keys')
    .selectAll()
    .where('federation_code', '=', federationCode)
    .where('purpose', '=', purpose)
    .where('retired_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) throw authorityError('EXCHANGE_KEY_MISMATCH', `Federation "${federationCode}" has no ${purpose} key`);
  let privateKey: KeyObject;
  try {
    privateKey = decryptPrivateKey(row.encrypted_private_key, authority.keyEncryptionKey, contextOf(federationCode, purpose, row.key_id));
  } catch {
    throw authorityError(
      'EXCHANGE_KEY_MISMATCH',
      `The ${purpose} key of federation "${federationCode}" does not open with this server's exchange key: set JOINERY_EXCHANGE_KEY (or <data folder>/exchange-key) to the key the federation was created with`,
    );
  }
  return { keyId: row.key_id, privateKey, publicKeyPem: row.public_key_pem, certificatePem: row.certificate_pem };
}
