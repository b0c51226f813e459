/**
 * What a verifier may assume about a parsed line before it trusts any field: the six fields
 * every entry has, then the fields of its kind. Verifiers read hostile input, so each check
 * returns what is wrong, in words, rather than throwing.
 */
import { isHash } from './entry-hash.ts';
import { LOG_ENTRY_KINDS, type LogEntry } from './model.ts';

const isSeq = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isText = (value: unknown): value is string => typeof value === 'string';
const DIRECTIONS = ['request-out', 'response-in', 'request-in', 'response-out', 'refused'];

/** Why `value` is not a log entry at all, or undefined when its common fields are sound. */
export function entryShapeProblem(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'it is not a JSON object';
  const entry = value as Record<string, unknown>;
  if (!isSeq(entry.seq)) return 'its seq is not a positive whole number';
  if (!isText(entry.at) || Number.isNaN(Date.parse(entry.at))) return 'its at is not an instant';
  if (!LOG_ENTRY_KINDS.includes(entry.kind as LogEntry['kind'])) return `its kind ${JSON.stringify(entry.kind)} is not one the log writes`;
  for (const field of ['prev', 'contentHash', 'hash'])
    if (!isHash(entry[field])) return `its ${field} is not a SHA-256 value in lower-case hex`;
  return undefined;
}

/** Why an entry's kind-specific fields are wrong, or undefined. */
export function kindFieldsProblem(entry: LogEntry): string | undefined {
  const fields = entry as unknown as Record<string, unknown>;
  const need = (ok: boolean, what: string) => (ok ? undefined : `a ${entry.kind} entry needs ${what}`);
  switch (entry.kind) {
    case 'message': {
      const record = fields.record as Record<string, unknown> | undefined;
      return need(
        !!record && typeof record === 'object' && isText(record.messageId) && DIRECTIONS.includes(record.direction as string),
        'a record with a messageId and a direction',
      );
    }
    case 'checkpoint':
      return need(
        isCount(fields.upTo) && isHash(fields.headHash) && isText(fields.gateway) && isText(fields.keyId) && isText(fields.signature),
        'upTo, headHash, gateway, keyId and signature',
      );
    case 'timestamp':
      return need(isSeq(fields.checkpointSeq) && isText(fields.token), 'checkpointSeq and token');
    case 'archived':
      return need(
        isText(fields.file) && isSeq(fields.firstSeq) && isSeq(fields.lastSeq) && isHash(fields.lastHash) && isHash(fields.sha256),
        'file, firstSeq, lastSeq, lastHash and sha256',
      );
    case 'recovered':
      return need(isText(fields.file) && isCount(fields.cutBytes), 'file and cutBytes');
    case 'continuation':
      return need(
        isText(fields.predecessorGateway) && isCount(fields.predecessorHeadSeq) && isHash(fields.predecessorHeadHash),
        'predecessorGateway, predecessorHeadSeq and predecessorHeadHash',
      );
    case 'opened':
      return need(isText(fields.gateway) && isText(fields.keyId), 'gateway and keyId');
  }
}
