/**
 * Not a timed test: measures appends/s with 64 concurrent appenders and ~1 KB records, with
 * fdatasync on (what a gateway runs) and off, and prints the figures; it asserts only that every
 * append landed in a valid chain. The gateway needs ≥ 10,000 appends/s per log; the target is 20,000.
 */
import { expect, test } from 'vitest';
import { openMessageLog, verifyLog } from '../../src/log/index.ts';
import { makeSigner, messageRecord, withTempDir } from './log-fixtures.ts';

const APPENDERS = 64;
const APPENDS = 20_000;

async function measure(sync: boolean) {
  return withTempDir(async (dir) => {
    const { signer, resolveKey } = makeSigner();
    const log = await openMessageLog({ dir, signer, sync });
    const records = Array.from({ length: 256 }, (_, i) => messageRecord(i, 560));
    expect(Buffer.byteLength(JSON.stringify(records[0]))).toBeGreaterThan(950);
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: APPENDERS }, async () => {
        while (next < APPENDS) {
          const i = next++;
          await log.append({ ...records[i % records.length]!, messageId: `bench-${i}` });
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const stats = log.stats();
    await log.close();
    const verifyStarted = performance.now();
    const result = await verifyLog(dir, { resolveKey });
    const verifySeconds = (performance.now() - verifyStarted) / 1000;
    expect(result.isValid).toBe(true);
    expect(stats.appends).toBe(APPENDS);
    console.log(
      `message log, sync ${sync ? 'on ' : 'off'}: ${Math.round(APPENDS / seconds).toLocaleString('en-GB')} appends/s ` +
        `(${APPENDERS} appenders, ~1 KB records; ${stats.batches} batches, mean ${stats.meanBatchSize.toFixed(1)} entries, ` +
        `fdatasync mean ${stats.meanFsyncMs.toFixed(2)} ms; ${(stats.bytesWritten / 1024 / 1024).toFixed(1)} MiB); ` +
        `verifyLog ${Math.round(result.entries / verifySeconds).toLocaleString('en-GB')} entries/s`,
    );
  });
}

test('throughput with fdatasync on', () => measure(true));
test('throughput with fdatasync off', () => measure(false));
