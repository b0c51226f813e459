/**
 * One process of the data exchange benchmark (bench/exchange.ts starts three of these, so each
 * gateway and the backend have an event loop of their own, as they would in production):
 *   exchange-process.ts gateway <dir>   — a gateway from its folder (startGateway)
 *   exchange-process.ts backend <token> — the system behind the provider's gateway
 *   exchange-process.ts relay-provider <gatewayDir> <backendUrl> <token>,
 *   exchange-process.ts relay-client <gatewayDir> <providerRelayUrl> — the transport floor
 *     (bench/exchange-relay.ts): plain relays with the gateways' TLS and nothing else
 * Prints `{"url": …}` as one JSON line on stdout once listening; on SIGTERM stops (a gateway
 * finishes its calls and checkpoints its log), prints `{"closed": true, …}` and exits; on
 * SIGUSR2 prints `{"cpu": process.cpuUsage()}`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway } from '@joinery/exchange';
import { RELAY_HEADER, startClientRelay, startProviderRelay } from './exchange-relay.ts';

const [role, argument] = process.argv.slice(2);
const say = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
// SIGUSR2: report the CPU time used so far (the bench meters each measurement with it).
process.on('SIGUSR2', () => say({ cpu: process.cpuUsage() }));

if (role === 'gateway') {
  const problems: string[] = [];
  const gateway = await startGateway({ dir: argument!, onProblem: (message) => problems.push(message) });
  say({ url: gateway.localUrl, exchangeUrl: gateway.exchangeUrl, problems });
  process.once('SIGTERM', () => {
    void gateway.close().then(() => {
      say({ closed: true, log: gateway.context.log.stats(), problems });
      process.exit(0);
    });
  });
} else if (role === 'relay-provider' || role === 'relay-client') {
  const [dir, target, token] = process.argv.slice(3) as [string, string, string];
  const relay = role === 'relay-provider' ? await startProviderRelay(dir, target, token) : await startClientRelay(dir, target);
  say({ url: relay.url });
  process.once('SIGTERM', () => {
    void relay.close().then(() => {
      say({ closed: true });
      process.exit(0);
    });
  });
} else if (role === 'backend') {
  // Echoes a POST's body with the same bytes (the same size both ways); counts what it served.
  const token = argument!;
  const counts = { direct: 0, viaGateway: 0, viaRelay: 0, refused: 0 };
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/count') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(counts));
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.headers['x-joinery-gateway-token'] !== token) {
        counts.refused += 1;
        response.writeHead(401).end();
        return;
      }
      // The provider's gateway passes X-Road-Id on; a direct call has none.
      if (request.headers['x-road-id']) counts.viaGateway += 1;
      else if (request.headers[RELAY_HEADER]) counts.viaRelay += 1;
      else counts.direct += 1;
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) }).end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  say({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    say({ closed: true, counts });
    process.exit(0);
  });
} else {
  process.stderr.write(
    'usage: exchange-process.ts gateway <dir> | backend <token> | relay-provider <dir> <backendUrl> <token> | relay-client <dir> <providerUrl>\n',
  );
  process.exit(2);
}
