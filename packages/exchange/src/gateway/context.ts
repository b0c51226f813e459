/**
 * What the gateway's handlers share: who it is, its keys, the configuration it routes by, its
 * message log, its replay guard and its counters. Built once by startGateway.
 */
import type { KeyObject } from 'node:crypto';
import { createHash } from 'node:crypto';
import type { MessageLog, MessageRecord } from '../log/index.ts';
import type { ReplayGuard } from '../signing/index.ts';
import type { ConfigurationStore } from './configuration-store.ts';
import type { ConfigurationView } from './configuration-view.ts';
import type { GatewaySettings } from './gateway-settings.ts';
import type { OperationsStats } from './operations-stats.ts';
import { fault } from '../faults.ts';

export interface GatewayContext {
  settings: GatewaySettings;
  gatewayId: string;
  memberId: string;
  signKey: KeyObject;
  signKeyId: string;
  authKeyPem: string;
  authCertificatePem: string;
  signCertificatePem: string;
  store: ConfigurationStore;
  log: MessageLog;
  replayGuard: ReplayGuard;
  /** Since the gateway started (its own operations page). */
  totals: OperationsStats;
  /** Since the last report to the authority. */
  period: OperationsStats;
  now: () => Date;
  /** Downloads the configuration again now, at most once every few seconds (a gateway that just enrolled is not yet in ours). */
  refreshSoon: () => Promise<void>;
}

/** The configuration in force, or the fault that says why there is none. */
export function currentView(context: GatewayContext, side: 'client' | 'provider'): ConfigurationView {
  const view = context.store.view;
  const type = side === 'client' ? 'Server.ClientProxy.ConfigurationExpired' : 'Server.ServerProxy.ConfigurationExpired';
  if (!view) throw fault(type, 'This gateway has not yet downloaded a federation configuration');
  if (view.expiresAt <= context.now()) throw fault(type, `The configuration this gateway holds expired at ${view.expiresAt.toISOString()}`);
  return view;
}

/** The record a message leaves in the log: the signed headers and the body (or its digest). */
export function logRecord(
  context: GatewayContext,
  fields: Omit<MessageRecord, 'body' | 'bodySha256'>,
  body: Buffer | undefined,
): MessageRecord {
  const record: MessageRecord = { ...fields };
  if (body && body.length > 0) {
    if (context.settings.log.isKeepingBodies) record.body = body.toString('base64');
    else record.bodySha256 = createHash('sha256').update(body).digest('hex');
  }
  return record;
}

const logFailure = (side: 'client' | 'provider', error: unknown) =>
  fault(side === 'client' ? 'Server.ClientProxy.LogFailure' : 'Server.ServerProxy.LogFailure', (error as Error).message);

/**
 * appendOrFail for an entry whose write may wait for the next one (MessageLog.appendDeferred):
 * it takes its place in the chain now, and `durable()` fails with the same fault as appendOrFail.
 */
export function appendDeferredOrFail(
  context: GatewayContext,
  record: MessageRecord,
  side: 'client' | 'provider',
): { seq: number; hash: string; durable(): Promise<{ seq: number; hash: string }> } {
  let entry: ReturnType<GatewayContext['log']['appendDeferred']>;
  try {
    entry = context.log.appendDeferred(record);
  } catch (error) {
    throw logFailure(side, error);
  }
  return {
    seq: entry.seq,
    hash: entry.hash,
    durable: () =>
      entry.durable().catch((error: unknown) => {
        throw logFailure(side, error);
      }),
  };
}

/** Appends to the log; a log that cannot be written stops the exchange (nothing unlogged is carried). */
export async function appendOrFail(
  context: GatewayContext,
  record: MessageRecord,
  side: 'client' | 'provider',
): Promise<{ seq: number; hash: string }> {
  try {
    return await context.log.append(record);
  } catch (error) {
    throw logFailure(side, error);
  }
}
