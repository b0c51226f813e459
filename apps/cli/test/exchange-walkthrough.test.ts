/**
 * docs/exchange.md, as a user follows it, with real processes: a federation authority set up
 * with the CLI, the Joinery server started, two gateways enrolled with their one-time tokens
 * and run with `joinery gateway`, a service registered with its OpenAPI description, access
 * granted and approved, a call through both gateways, then the evidence exported and verified
 * offline, and both logs verified.
 */
import type { ChildProcess } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCertificateAuthority, freeLoopbackPort, issueRevocationList } from '@joinery/exchange';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { joinery as runToEnd, spawnJoinery } from './support/joinery.ts';
import { preparePilotDataFolder } from './support/pilot-data.ts';

let dir: string;
let env: Record<string, string>;
const processes: ChildProcess[] = [];
let backend: Server;

/** The data folder's commands, never a server database from this process's environment. */
const joinery = (args: string[]) => runToEnd(args, { env: { DATABASE_URL: '', ...env } });

async function ok(args: string[]): Promise<string> {
  const result = await joinery(args);
  if (result.code !== 0) throw new Error(`joinery ${args.join(' ')} exited ${result.code}: ${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** Starts a long-running joinery process and waits until `ready` answers. */
async function run(args: string[], ready: string): Promise<ChildProcess> {
  const child = spawnJoinery(args, { env: { DATABASE_URL: '', ...env } });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  processes.push(child);
  for (let i = 0; i < 120; i += 1) {
    if (child.exitCode !== null) throw new Error(`joinery ${args.join(' ')} exited: ${output}`);
    if (
      await fetch(ready).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`joinery ${args.join(' ')} did not become ready: ${output}`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'joinery-exchange-walkthrough-'));
  env = { JOINERY_DATA_DIR: join(dir, 'data'), JOINERY_DEMO: 'false' };
  await preparePilotDataFolder(env.JOINERY_DATA_DIR!);
  // The provider's system: any HTTP service (the docs use python3 -m http.server).
  backend = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ register: 'Budmouth electoral register', path: request.url }));
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
}, 60_000);

afterAll(async () => {
  await Promise.all(processes.map(stop));
  await new Promise((resolve) => backend.close(resolve));
});

test('the walk-through: authority, two gateways, a service, a grant, a call, evidence', async () => {
  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  const [providerPort, clientPort] = [await freeLoopbackPort(), await freeLoopbackPort()];
  await ok([
    'exchange',
    'federation',
    'create',
    '--code',
    'pilot',
    '--name',
    'Pilot exchange',
    '--url',
    url,
    '--operator',
    'budmouth',
    '--members',
    'budmouth,melchester',
  ]);
  await ok([
    'exchange',
    'subsystem',
    'add',
    '--federation',
    'pilot',
    '--member',
    'budmouth',
    '--code',
    'elections',
    '--name',
    'Electoral register',
  ]);
  await ok([
    'exchange',
    'subsystem',
    'add',
    '--federation',
    'pilot',
    '--member',
    'melchester',
    '--code',
    'housing',
    '--name',
    'Housing system',
  ]);
  const providerToken = (
    await ok([
      'exchange',
      'gateway',
      'register',
      '--federation',
      'pilot',
      '--member',
      'budmouth',
      '--code',
      'gw1',
      '--address',
      `https://127.0.0.1:${providerPort}`,
    ])
  ).trim();
  const clientToken = (
    await ok([
      'exchange',
      'gateway',
      'register',
      '--federation',
      'pilot',
      '--member',
      'melchester',
      '--code',
      'gw1',
      '--address',
      `https://127.0.0.1:${clientPort}`,
    ])
  ).trim();
  expect(providerToken).toMatch(/^jx1\./);
  // The guide's own register.json, word for word: its path template is the one the call must match.
  const guide = readFileSync(new URL('../../../docs/exchange.md', import.meta.url), 'utf8');
  const registerJson = /cat > register\.json <<'EOF'\n([\s\S]*?)\nEOF/.exec(guide);
  expect(registerJson, 'docs/exchange.md writes register.json').not.toBeNull();
  const callPath = /http:\/\/127\.0\.0\.1:6502(\/r1\/\S+)/.exec(guide)?.[1];
  expect(callPath, 'docs/exchange.md step 6 calls the client gateway').toBeDefined();
  const openapi = join(dir, 'register.json');
  writeFileSync(openapi, registerJson![1]!);
  await ok([
    'exchange',
    'service',
    'register',
    '--federation',
    'pilot',
    '--member',
    'budmouth',
    '--subsystem',
    'elections',
    '--code',
    'register',
    '--gateway',
    'gw1',
    '--title',
    'Electoral register look-up',
    '--openapi',
    openapi,
  ]);
  const proposed = await ok([
    'exchange',
    'grant',
    'propose',
    '--federation',
    'pilot',
    '--client',
    'pilot/GOV/melchester/housing',
    '--service',
    'pilot/GOV/budmouth/elections/register',
    '--operations',
    'getElector',
    '--purpose',
    'Verify applicants’ residence',
    '--lawful-basis',
    'UK GDPR 6(1)(e)',
    '--agreement',
    'Budmouth–Melchester DSA 2026',
    '--valid-from',
    '2026-01-01',
    '--expires-on',
    '2030-01-01',
    '--recertify-by',
    '2029-01-01',
  ]);
  const grantId = /[0-9a-f-]{36}/.exec(proposed)![0];
  await ok(['exchange', 'grant', 'approve', grantId, '--federation', 'pilot', '--note', 'Approved by Budmouth’s IG lead']);

  const server = await run(['start', '--port', String(port)], `${url}/readyz`);
  const providerDir = join(dir, 'budmouth-gw1');
  const clientDir = join(dir, 'melchester-gw1');
  await ok([
    'gateway',
    '--dir',
    providerDir,
    'init',
    '--token',
    providerToken,
    '--backend',
    `elections/register=http://127.0.0.1:${(backend.address() as AddressInfo).port}`,
  ]);
  await ok(['gateway', '--dir', clientDir, 'init', '--token', clientToken]);
  // Enrolling a folder twice is an operator's slip, told as such (not as an unexpected error).
  const again = await joinery(['gateway', '--dir', clientDir, 'init', '--token', clientToken]);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('already holds a gateway');
  expect(again.stderr).not.toContain('unexpected');
  const provider = await run(['gateway', '--dir', providerDir], `http://127.0.0.1:${providerPort + 1000}/gateway/health`);
  const client = await run(['gateway', '--dir', clientDir], `http://127.0.0.1:${clientPort + 1000}/gateway/health`);

  const answer = await fetch(`http://127.0.0.1:${clientPort + 1000}${callPath}`, {
    headers: { 'X-Road-Client': 'pilot/GOV/melchester/housing' },
  });
  expect(answer.status).toBe(200);
  expect(await answer.json()).toMatchObject({ path: '/electors/E-1042.json' });
  const messageId = answer.headers.get('x-road-id')!;
  const refused = await fetch(`http://127.0.0.1:${clientPort + 1000}/r1/pilot/GOV/budmouth/elections/register/electors`, {
    headers: { 'X-Road-Client': 'pilot/GOV/melchester/housing' },
  });
  expect(refused.headers.get('x-road-error')).toBe('Server.ClientProxy.UnknownService');

  await new Promise((resolve) => setTimeout(resolve, 500));
  await stop(client);
  await stop(provider);
  const evidence = join(dir, 'evidence.json');
  await ok(['exchange', 'evidence', messageId, '--dir', clientDir, '--out', evidence]);
  const ca = createHash('sha256')
    .update(new X509Certificate(readFileSync(join(clientDir, 'certificates', 'ca.pem'))).raw)
    .digest('hex');
  const verified = await ok(['exchange', 'verify-evidence', evidence, '--ca', ca]);
  expect(verified).toContain('The evidence holds');
  expect(verified).toContain('pilot/GOV/budmouth/gw1');

  const bundle = JSON.parse(readFileSync(evidence, 'utf8'));
  bundle.items[1].entry.record.status = 404;
  writeFileSync(evidence, JSON.stringify(bundle));
  const tampered = await joinery(['exchange', 'verify-evidence', evidence, '--ca', ca]);
  expect(tampered.code).toBe(1);
  expect(tampered.stdout).toContain('does NOT hold');
  await stop(server);
  // The guide's own-PKI section registers a second gateway; with the server stopped, enrolling says so and spends nothing.
  const secondToken = (
    await ok([
      'exchange',
      'gateway',
      'register',
      '--federation',
      'pilot',
      '--member',
      'budmouth',
      '--code',
      'gw2',
      '--address',
      'https://127.0.0.1:5503',
    ])
  ).trim();
  const unreachable = await joinery(['gateway', '--dir', join(dir, 'budmouth-gw2'), 'init', '--token', secondToken]);
  expect(unreachable.code).toBe(1);
  expect(unreachable.stderr).toContain(`Could not reach the federation authority at ${url}`);
  expect(unreachable.stderr).not.toContain('unexpected');

  // A member's own certification authority (docs/exchange.md, "Members with their own PKI"): trusted, listed, and no longer trusted.
  const memberCa = await createCertificateAuthority({
    name: 'Budmouth Borough Council',
    federation: 'budmouth',
    commonName: 'Budmouth issuing CA',
  });
  const caFile = join(dir, 'budmouth-ca.pem');
  writeFileSync(caFile, memberCa.certificatePem);
  const fingerprint = createHash('sha256').update(new X509Certificate(memberCa.certificatePem).raw).digest('hex');
  expect(await ok(['exchange', 'ca', 'add', '--federation', 'pilot', '--name', 'Budmouth issuing CA', '--certificate', caFile])).toContain(
    `SHA-256 fingerprint ${fingerprint}`,
  );
  const listed = await ok(['exchange', 'ca', 'list', '--federation', 'pilot']);
  expect(listed).toMatch(/\town\t/);
  expect(listed).toContain(`${fingerprint}\texternal\t0 certificates in force`);
  const twice = await joinery(['exchange', 'ca', 'add', '--federation', 'pilot', '--name', 'Again', '--certificate', caFile]);
  expect(twice.code).not.toBe(0);
  expect(twice.stderr).toContain('already trusts');
  // Its revocation list, from a DER file; a damaged one is refused with the reason.
  const crlPem = await issueRevocationList(memberCa, [{ serialNumber: '0badc0de' }], { number: 3 });
  const crlFile = join(dir, 'budmouth-ca.crl');
  writeFileSync(crlFile, Buffer.from(crlPem.replace(/-----[A-Z0-9 ]+-----|\s/g, ''), 'base64'));
  expect(await ok(['exchange', 'ca', 'crl', '--federation', 'pilot', '--fingerprint', fingerprint, '--file', crlFile])).toMatch(
    /revocation list number 3 of .* applied; it lists 1 certificates\n {2}0 gateway certificates revoked here now/,
  );
  expect(await ok(['exchange', 'ca', 'list', '--federation', 'pilot'])).toMatch(/\tCRL of \d{4}-\d{2}-\d{2}\n/);
  writeFileSync(crlFile, 'garbage');
  const damaged = await joinery(['exchange', 'ca', 'crl', '--federation', 'pilot', '--fingerprint', fingerprint, '--file', crlFile]);
  expect(damaged.code).not.toBe(0);
  expect(damaged.stderr).toContain('The bytes are not an X.509 revocation list');
  expect(
    await ok(['exchange', 'ca', 'remove', '--federation', 'pilot', '--fingerprint', fingerprint, '--reason', 'pilot ended']),
  ).toContain('0 gateway certificates revoked');
  expect(await ok(['exchange', 'ca', 'list', '--federation', 'pilot', '--removed'])).toMatch(/removed \d{4}-\d{2}-\d{2}/);
}, 420_000);
