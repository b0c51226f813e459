/**
 * The durability half of bench/exchange.ts: after a gateway has stopped, read its message log
 * back from disk — verified as a third party would (verifyGatewayLog: chain, signed
 * checkpoints, RFC 3161 timestamps) and counted entry by entry — so that the round trips the
 * load generator saw answered can be compared with what the log holds.
 */
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gatewayFiles, verifyGatewayLog } from '@joinery/exchange';

export interface LogCount {
  isValid: boolean;
  problems: string[];
  entries: number;
  checkpoints: number;
  timestamped: number;
  unsignedTail: number;
  /** Message entries by direction (request-out, response-in, request-in, response-out, refused). */
  messages: Record<string, number>;
  messageTotal: number;
}

/** Verifies a stopped gateway's log and counts its message entries (live segments; the bench never archives). */
export async function countGatewayLog(dir: string): Promise<LogCount> {
  const verification = await verifyGatewayLog(dir);
  const logDir = gatewayFiles(dir).log;
  const segments = (await readdir(logDir)).filter((name) => /^segment-\d+\.jsonl$/.test(name)).sort();
  const messages: Record<string, number> = {};
  for (const name of segments)
    for await (const line of createInterface({ input: createReadStream(join(logDir, name)), crlfDelay: Infinity })) {
      // Only the entry's kind and direction are needed: skip parsing a 1 MB base64 body when the line says what it is.
      if (!line.includes('"kind":"message"')) continue;
      const entry = JSON.parse(line) as { kind: string; record?: { direction?: string } };
      if (entry.kind !== 'message') continue;
      const direction = entry.record?.direction ?? 'unknown';
      messages[direction] = (messages[direction] ?? 0) + 1;
    }
  return {
    isValid: verification.isValid,
    problems: verification.problems.slice(0, 5).map((p) => `${p.severity} ${p.kind}: ${p.message}`),
    entries: verification.entries,
    checkpoints: verification.checkpoints,
    timestamped: verification.timestamped,
    unsignedTail: verification.unsignedTail,
    messages,
    messageTotal: Object.values(messages).reduce((a, b) => a + b, 0),
  };
}
