import { createServer } from 'node:net';
import { expect, test } from 'vitest';
import { freeLoopbackPort } from '../../src/gateway/free-port.ts';

test('ports come from under the ephemeral range, each once, skipping one in use', async () => {
  const first = await freeLoopbackPort();
  expect(first).toBeGreaterThanOrEqual(20_000);
  expect(first).toBeLessThan(21_000); // so exchange port + 1000, the default local port, is never handed out
  // Occupy the port that would come next: it must be skipped, not handed out.
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(first + 1, '127.0.0.1', resolve));
  try {
    const second = await freeLoopbackPort();
    expect(second).not.toBe(first);
    expect(second).not.toBe(first + 1);
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});
