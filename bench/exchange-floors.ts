/**
 * What no gateway on this machine can go below, measured in the same run as the gateways:
 * the four Ed25519 operations every call needs (each gateway signs what it sends and verifies
 * what it receives) and one durable write of a log-sized line, as the log makes it (O_DSYNC;
 * three are on the path of a call made alone: packages/exchange/src/log/README.md, "What the gateways wait for").
 */
import { generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { constants, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(p * values.length) - 1)]!;

/** Microseconds for two Ed25519 signatures and two verifications over a signature base of ~400 bytes. */
export function signingFloorMicros(rounds = 400): number {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const base = randomBytes(400);
  const signature = sign(null, base, privateKey);
  const once = () => {
    const started = performance.now();
    sign(null, base, privateKey);
    sign(null, base, privateKey);
    verify(null, base, publicKey, signature);
    verify(null, base, publicKey, signature);
    return (performance.now() - started) * 1000;
  };
  for (let i = 0; i < 100; i++) once();
  return median(Array.from({ length: rounds }, once));
}

/** Milliseconds for one durable append of `bytes` (O_DSYNC), as the log's writer makes it. */
export async function flushFloorMillis(parentDir: string, bytes = 2600, rounds = 300): Promise<{ p50: number; p90: number }> {
  const dir = mkdtempSync(join(parentDir, 'flush-floor-'));
  const handle = await open(join(dir, 'probe.jsonl'), constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | constants.O_DSYNC);
  const line = Buffer.alloc(bytes, 0x61);
  const times: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const started = performance.now();
      await handle.write(line, 0, line.length);
      times.push(performance.now() - started);
    }
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { p50: percentile(times, 0.5), p90: percentile(times, 0.9) };
}
