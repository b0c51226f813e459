/**
 * A port free on loopback now, for a gateway's address to be registered before it listens.
 *
 * Why not simply listen on port 0: the port is chosen long before the gateway listens (it goes
 * into the signed configuration first), and a port from the OS's ephemeral range can be handed to
 * any outgoing connection or port-0 server in the meantime (a CI run failed on EADDRINUSE so). So
 * ports come from below the ephemeral range, which the OS never hands out by itself, from a block
 * of its own per test worker (VITEST_POOL_ID) or process, taken in turn and checked free. All
 * blocks lie in 20000–20999, so a gateway's default local port (its exchange port + 1000) falls
 * in 21000–21999, where nothing is handed out.
 */
import { createServer } from 'node:net';

const FIRST = 20_000;
const BLOCK = 100; // more ports than any one test file's gateways take
const BLOCKS = 10; // Linux's default ephemeral range starts at 32768

let next = 0;

function blockStart(): number {
  const worker = Number(process.env.VITEST_POOL_ID);
  const owner = Number.isInteger(worker) && worker > 0 ? worker : process.pid;
  return FIRST + (owner % BLOCKS) * BLOCK;
}

async function isFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function freeLoopbackPort(): Promise<number> {
  const start = blockStart();
  for (let tried = 0; tried < BLOCK; tried += 1) {
    const port = start + (next++ % BLOCK);
    if (await isFree(port)) return port;
  }
  throw new Error(`No free loopback port in ${start}–${start + BLOCK - 1}`);
}
