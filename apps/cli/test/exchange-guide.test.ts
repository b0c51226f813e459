/**
 * docs/exchange.md's shell blocks, run word for word in one bash shell, in order: the
 * walk-through (federation, gateways, a service, a grant, the call, the evidence) and
 * "Members with their own PKI" (an OpenSSL CA, a gateway enrolled with its certificates, a
 * revocation list applied). Only what a reader supplies by hand is filled in: the two
 * placeholders of step 7, and waits for a started server or gateway to answer. A command that
 * fails stops the run (`set -e`), so a guide that no longer works fails here.
 *
 * The guide's ports (3000, 4001, 5501–5503 and their local ports 6501–6503) are swapped for free
 * ones, so that it runs beside a Joinery already started on 3000.
 */
import { execFileSync, spawn } from 'node:child_process';
import { freeLoopbackPort } from '@joinery/exchange';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { joineryEntry } from './support/joinery.ts';
import { preparePilotDataFolder } from './support/pilot-data.ts';

const tools = ['bash', 'curl', 'python3', 'openssl'];
const missing = tools.filter((tool) => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return false;
  } catch {
    return true;
  }
});
if (missing.length) console.warn(`exchange-guide.test.ts skipped: the guide needs ${missing.join(', ')} on PATH`);

const GUIDE_PORTS = /\b(3000|4001|550[1-3]|650[1-3])\b/g;

/** Free ports for the guide's: a gateway's local port stays its exchange port + 1000, as `init` sets it. */
async function portsForGuide(): Promise<Map<number, number>> {
  const ports = new Map<number, number>([
    [3000, await freeLoopbackPort()],
    [4001, await freeLoopbackPort()],
  ]);
  for (const exchange of [5501, 5502, 5503]) {
    const port = await freeLoopbackPort();
    ports.set(exchange, port).set(exchange + 1000, port + 1000);
  }
  return ports;
}

/** The guide's blocks as one script, with the waits and step 7's two values a reader would supply. */
function scriptOf(guide: string, ports: Map<number, number>): string {
  const HEALTH = (port: number) => `wait_for http://127.0.0.1:${ports.get(port)}/gateway/health`;
  const lines = [
    'set -em', // -m: each background job its own process group, as in a terminal, so `kill %…` stops it whole
    "trap 'for job in $(jobs -p); do kill -- -$job 2>/dev/null; done; true' EXIT", // every job's whole group
    `npx() { shift; "${process.execPath}" "${joineryEntry()}" "$@"; }`,
    'wait_for() { for i in $(seq 120); do curl -sf "$1" >/dev/null && return 0; sleep 0.5; done; echo "no answer from $1"; return 1; }',
  ];
  for (const [, block] of guide.matchAll(/```sh\n([\s\S]*?)```/g)) {
    let text = block!
      .replace(GUIDE_PORTS, (port) => String(ports.get(Number(port))))
      // The test's database already holds the demo's organisations (demo load takes a minute).
      .replace(/^npx joinery demo load.*$/m, ': demo organisations loaded by the test')
      .replace(/wait %\?start/g, 'wait %?start || true') // wait reports the stopped server's signal
      .replace('<X-Road-Id>', '"$XID"')
      .replace('<CA fingerprint>', '"$CAFP"');
    text = text.replace(/^(npx joinery start .*&.*)$/m, `$1\nwait_for http://localhost:${ports.get(3000)}/readyz`);
    lines.push(
      `echo "=== block: ${block!
        .split('\n')[0]!
        .slice(0, 60)
        .replace(/["$`\\]/g, '')}"`,
      text,
    );
    if (text.includes('melchester-gw &')) lines.push(HEALTH(6501), HEALTH(6502));
    if (text.includes('budmouth-gw2 &')) lines.push(HEALTH(6503));
    if (/curl .*E-1042\.json/s.test(text)) {
      // What a reader copies from the answer and from `gateway status`; then the checkpoint's timestamp.
      lines.push(
        `XID=$(curl -s -D - -o /dev/null -H 'X-Road-Client: pilot/GOV/melchester/housing' http://127.0.0.1:${ports.get(6502)}${/http:\/\/127\.0\.0\.1:\d+(\/r1\/\S+)/.exec(text)![1]} | tr -d '\\r' | awk -F': ' 'tolower($1)=="x-road-id"{print $2}')`,
        "CAFP=$(npx joinery gateway --dir melchester-gw status | sed -n 's/.*federation CA: //p')",
        'sleep 6',
      );
    }
  }
  lines.push('echo "=== every block ran"');
  return `${lines.join('\n')}\n`;
}

test.skipIf(missing.length > 0)(
  'docs/exchange.md, followed word for word: the walk-through and a member’s own PKI',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'joinery-exchange-guide-'));
    const dataDir = join(dir, 'pilot-data'); // the guide's JOINERY_DATA_DIR=$PWD/pilot-data
    await preparePilotDataFolder(dataDir);

    const guide = await readFile(new URL('../../../docs/exchange.md', import.meta.url), 'utf8');
    const ports = await portsForGuide();
    await writeFile(join(dir, 'guide.sh'), scriptOf(guide, ports));
    const env = { ...process.env, DATABASE_URL: '', JOINERY_DEMO: 'false', PORT: String(ports.get(3000)) }; // `joinery start` listens on PORT
    const run = spawn('bash', ['guide.sh'], { cwd: dir, env });
    let output = '';
    run.stdout.on('data', (d) => (output += d));
    run.stderr.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => run.on('exit', resolve));
    const shown = output.replace(/^\{"level".*\n/gm, ''); // the server's request log, left out of a failure's report
    expect(code, shown.slice(-6000)).toBe(0);
    expect(shown).toContain('=== every block ran');
    // Step 6: the call answered, with the X-Road headers; step 7: the evidence and the log hold.
    expect(shown).toMatch(/HTTP\/1\.1 200 OK/);
    expect(shown).toMatch(/x-road-request-hash: [0-9a-f]{64}/i);
    expect(shown).toContain('"address":"7 Cornmarket, Budmouth"');
    expect(shown).toMatch(/The evidence holds for message [0-9a-f-]{36}/);
    expect(shown).toMatch(/The log holds: \d+ entries/);
    // Own PKI: the CA trusted, gw2 enrolled with its certificates, then revoked by the CA's list.
    expect(shown).toMatch(/\texternal\t0 certificates in force/);
    expect(shown).toContain('Enrolled pilot/GOV/budmouth/gw2 in budmouth-gw2: your CA’s certificates accepted');
    expect(shown).toMatch(/revocation list number 1 .* applied; it lists 1 certificates\n {2}1 gateway certificates revoked here now/);
  },
  300_000,
);
