/**
 * The gateway's tamper-evident message log: append-only segment files, a hash chain, group
 * commit with fdatasync, signed checkpoints with RFC 3161 timestamps, archiving that keeps the
 * chain, offline verification and evidence bundles.
 * @example
 * const log = await openMessageLog({ dir, signer, timestamp: (digest) => tsa.stamp(digest) });
 * await log.append({ messageId, direction: 'request-in', headers });
 * const report = await verifyLog(dir, { resolveKey, verifyTimestamp });
 */
export { openMessageLog, MessageLog } from './message-log.ts';
export { verifyLog } from './verify-log.ts';
export { buildEvidence } from './build-evidence.ts';
export { verifyEvidence } from './verify-evidence.ts';
export { MessageLogError, type MessageLogErrorReason } from './message-log-error.ts';
export { checkpointPayload } from './checkpoint-signature.ts';
export { chainHash, contentHashOf, timestampDigestOf, ZERO_HASH } from './entry-hash.ts';
export * from './model.ts';
export * from './evidence-model.ts';
