/**
 * The federation's timestamping service (RFC 3161): gateways send a TimeStampReq for each
 * message-log checkpoint and keep the TimeStampResp as evidence that the log existed then. The
 * key is opened once per federation and server process (it is sealed in the database), then
 * kept in memory beside the authority context.
 */
import { createTimestampAuthority, type TimestampAuthority } from '../timestamp/timestamp-authority.ts';
import { openAuthorityKey } from './authority-keys.ts';
import type { AuthorityContext } from './context.ts';
import { findHostedFederation } from './lookups.ts';

const opened = new WeakMap<AuthorityContext, Map<string, TimestampAuthority>>();

/** A request is a few hundred bytes: anything bigger is not one. */
export const TIMESTAMP_QUERY_MAX_BYTES = 64 * 1024;

/**
 * Answers a DER TimeStampReq with a DER TimeStampResp (RFC 3161 §2.4.2); a malformed request is
 * answered with a rejection status inside the response, as the RFC asks, not an HTTP error.
 * @example const reply = await respondToTimestampQuery(authority, 'wessex', requestDer);
 */
export async function respondToTimestampQuery(authority: AuthorityContext, federationCode: string, query: Buffer): Promise<Buffer> {
  await findHostedFederation(authority.db, federationCode);
  let byFederation = opened.get(authority);
  if (!byFederation) opened.set(authority, (byFederation = new Map()));
  let tsa = byFederation.get(federationCode);
  if (!tsa) {
    const key = await openAuthorityKey(authority, authority.db, federationCode, 'timestamping');
    tsa = createTimestampAuthority({ privateKey: key.privateKey, certificatePem: key.certificatePem! });
    byFederation.set(federationCode, tsa);
  }
  return tsa.respond(query, authority.now());
}
