/**
 * The few checks the log makes on what it is given: a record must carry the two fields the log
 * reads (its id, for finding it, and its direction) and plain JSON headers; the rest is the
 * gateway's business. Options are checked once on open, with messages that say what to set.
 */
import { MessageLogError } from './message-log-error.ts';
import type { MessageRecord, OpenMessageLogOptions } from './model.ts';

const DIRECTIONS = new Set(['request-out', 'response-in', 'request-in', 'response-out', 'refused']);

export function validateMessageRecord(record: MessageRecord): void {
  const invalid = (why: string) => new MessageLogError('invalid-record', `The message record cannot be logged: ${why}`);
  if (!record || typeof record !== 'object') throw invalid('it is not an object');
  if (typeof record.messageId !== 'string' || record.messageId.length === 0 || record.messageId.length > 1000)
    throw invalid('messageId must be a string of 1 to 1000 characters');
  if (!DIRECTIONS.has(record.direction)) throw invalid(`direction must be one of ${[...DIRECTIONS].join(', ')}`);
  if (!record.headers || typeof record.headers !== 'object' || Array.isArray(record.headers))
    throw invalid('headers must be an object of header names to values');
}

const isPositiveInteger = (value: unknown) => Number.isSafeInteger(value) && (value as number) > 0;

export function validateOpenOptions(options: OpenMessageLogOptions): void {
  const invalid = (why: string) => new MessageLogError('invalid-options', `The message log cannot be opened: ${why}`);
  if (!options || typeof options.dir !== 'string' || !options.dir) throw invalid('dir must name a directory');
  const signer = options.signer;
  if (!signer || typeof signer.sign !== 'function' || typeof signer.gatewayId !== 'string' || typeof signer.keyId !== 'string')
    throw invalid('signer must have gatewayId, keyId and sign(data)');
  for (const name of ['checkpointEvery', 'checkpointIntervalMs', 'segmentMaxBytes', 'timestampTimeoutMs', 'indexedSegments'] as const)
    if (options[name] !== undefined && !isPositiveInteger(options[name])) throw invalid(`${name} must be a positive whole number`);
  const continuation = options.continuation;
  if (
    continuation &&
    (typeof continuation.predecessorGateway !== 'string' ||
      !Number.isSafeInteger(continuation.predecessorHeadSeq) ||
      !/^[0-9a-f]{64}$/.test(String(continuation.predecessorHeadHash)))
  )
    throw invalid('continuation needs predecessorGateway, predecessorHeadSeq and predecessorHeadHash (64 hex digits)');
}
