/**
 * `joinery gateway`: one organisation's gateway (X-Road's security server). `init` enrols it
 * with the federation authority using a one-time token (after `request-certificates`, with
 * certificates from the member's own CA); `joinery gateway --dir D` runs it;
 * `backend` says which system answers each of its services; `status` shows what it holds.
 */
import { readFileSync } from 'node:fs';
import { gatewayStatus, initGateway, readGatewaySettings, requestCertificates, setGatewayBackend, startGateway } from '@joinery/exchange';
import { InvalidArgumentError, type Command } from 'commander';
import { action } from '../run.ts';

function hostPort(value: string): { host: string; port: number } {
  const match = /^(.+):(\d{1,5})$/.exec(value);
  if (!match) throw new InvalidArgumentError(`${value} is not HOST:PORT`);
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port: Number(match[2]) };
}

function backendOption(value: string, previous: Record<string, { url: string }> = {}): Record<string, { url: string }> {
  const match = /^([^=]+\/[^=]+)=(https?:\/\/.+)$/.exec(value);
  if (!match) throw new InvalidArgumentError(`${value} is not SUBSYSTEM/SERVICE=URL`);
  return { ...previous, [match[1]!]: { url: match[2]! } };
}

export function gatewayCommand(program: Command): void {
  const gateway = program
    .command('gateway')
    .description('Run an organisation’s gateway: signs, verifies and logs every exchange message (see docs/exchange.md)')
    .option('--dir <dir>', 'the gateway’s folder (keys, certificates, configuration, message log)', '.joinery/gateway')
    .option('--local-port <port>', 'listen for local systems on this port instead of gateway.json’s', Number)
    .option('--exchange-port <port>', 'listen for other gateways on this port instead of gateway.json’s', Number)
    .action(
      action(async (options: { dir: string; localPort?: number; exchangePort?: number }) => {
        const running = await startGateway({
          dir: options.dir,
          ...(options.localPort ? { localPort: options.localPort } : {}),
          ...(options.exchangePort ? { exchangePort: options.exchangePort } : {}),
          onProblem: (message) => process.stderr.write(`gateway: ${message}\n`),
        });
        const health = running.health();
        process.stdout.write(
          `Gateway ${running.gatewayId}\n  local systems: ${running.localUrl}/r1/…\n  other gateways: ${running.exchangeUrl}\n  configuration: ${health.configuration ? `serial ${health.configuration.serial}, valid until ${health.configuration.expiresAt}` : 'none yet (retrying)'}\n  message log: ${options.dir}/log (entry ${health.log.headSeq})\n`,
        );
        const stop = () => {
          process.stdout.write('Gateway stopping: finishing calls in progress and checkpointing the log…\n');
          void running.close().then(() => process.exit(0));
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      }),
    );

  const readToken = (token: string) => (token.startsWith('@') ? readFileSync(token.slice(1), 'utf8') : token);

  gateway
    .command('request-certificates')
    .description('For a member with its own PKI: make the gateway’s keys and write two certificate requests for its CA to answer')
    .requiredOption('--token <token>', 'the enrolment token (jx1.…), or @FILE: it names the gateway here and is not spent')
    .addHelpText(
      'after',
      '\nHave your CA (one the federation trusts: joinery exchange ca add) issue, for each request:\n  requests/auth.csr.pem  TLS: keyUsage digitalSignature, extendedKeyUsage serverAuth + clientAuth\n  requests/sign.csr.pem  signing: keyUsage nonRepudiation\nthen enrol: joinery gateway --dir D init --token T --auth-certificate auth.pem --sign-certificate sign.pem',
    )
    .action(
      action(async (options: { token: string }, command: Command) => {
        const dir = (command.parent!.opts() as { dir: string }).dir;
        const made = await requestCertificates({ dir, token: readToken(options.token) });
        process.stdout.write(
          `Keys for ${made.gatewayId} made in ${dir}/keys (they stay there).\nHave your certification authority answer:\n  ${made.authRequest}  as a TLS certificate (keyUsage digitalSignature; extendedKeyUsage serverAuth, clientAuth)\n  ${made.signRequest}  as a signing certificate (keyUsage nonRepudiation)\nThen: joinery gateway --dir ${dir} init --token <token> --auth-certificate <file> --sign-certificate <file>\n`,
        );
      }),
    );

  gateway
    .command('init')
    .description('Enrol a new gateway with the federation authority, using the one-time token its operator gave you')
    .requiredOption('--token <token>', 'the enrolment token (jx1.…), or @FILE to read it from a file')
    .option('--address <url>', 'where other gateways reach it (as registered with the authority), e.g. https://127.0.0.1:5501')
    .option('--local <host:port>', 'where local systems call it (default: loopback, the exchange port + 1000)', hostPort)
    .option('--backend <subsystem/service=url>', 'the system answering one of its services (repeatable)', backendOption)
    .option('--continue-from <dir>', 'a predecessor gateway’s folder (stopped): this gateway’s log carries on from its last entry')
    .option('--auth-certificate <file>', 'a TLS certificate your own CA issued for requests/auth.csr.pem (see request-certificates)')
    .option('--sign-certificate <file>', 'the signing certificate it issued for requests/sign.csr.pem')
    .action(
      action(
        async (
          options: {
            token: string;
            address?: string;
            local?: { host: string; port: number };
            backend?: Record<string, { url: string }>;
            continueFrom?: string;
            authCertificate?: string;
            signCertificate?: string;
          },
          command: Command,
        ) => {
          const dir = (command.parent!.opts() as { dir: string }).dir;
          if (Boolean(options.authCertificate) !== Boolean(options.signCertificate))
            throw new InvalidArgumentError(
              'Give both --auth-certificate and --sign-certificate, or neither (the federation’s CA then issues them)',
            );
          const settings = await initGateway({
            dir,
            token: readToken(options.token),
            ...(options.address ? { address: options.address } : {}),
            ...(options.local ? { localListen: options.local } : {}),
            ...(options.backend ? { backends: options.backend } : {}),
            ...(options.continueFrom ? { continueFrom: options.continueFrom } : {}),
            ...(options.authCertificate && options.signCertificate
              ? { certificateFiles: { auth: options.authCertificate, sign: options.signCertificate } }
              : {}),
          });
          const source = options.authCertificate ? 'your CA’s certificates accepted' : 'keys made, certificates received';
          const carried = settings.continuation
            ? ` Its log carries on from ${settings.continuation.predecessorGateway}'s entry ${settings.continuation.predecessorHeadSeq}.`
            : '';
          process.stdout.write(
            `Enrolled ${settings.gatewayId} in ${dir}: ${source}, anchor pinned.${carried}\nRun it with: joinery gateway --dir ${dir}\n`,
          );
        },
      ),
    );

  gateway
    .command('backend')
    .description('Say which system answers a service this gateway provides (backend addresses never leave the gateway)')
    .argument('<service>', 'SUBSYSTEM/SERVICE, e.g. addresses/address-lookup')
    .argument('<url>', 'the system’s base URL, e.g. http://127.0.0.1:4001')
    .option('--timeout <ms>', 'how long to wait for it', Number)
    .option('--token <secret>', 'sent to the system as X-Joinery-Gateway-Token, so it can refuse calls not from its gateway')
    .action(
      action(async (service: string, url: string, options: { timeout?: number; token?: string }, command: Command) => {
        const dir = (command.parent!.opts() as { dir: string }).dir;
        setGatewayBackend(dir, service, {
          url,
          ...(options.timeout ? { timeoutMs: options.timeout } : {}),
          ...(options.token ? { token: options.token } : {}),
        });
        process.stdout.write(`${service} → ${url} (restart the gateway for it to take effect)\n`);
      }),
    );

  gateway
    .command('archive')
    .description('Move the log’s closed segments into log/archive/ (gzip), keeping the chain whole; works on a running gateway')
    .option('--before-seq <n>', 'only segments that end before this entry', Number)
    .action(
      action(async (options: { beforeSeq?: number }, command: Command) => {
        const dir = (command.parent!.opts() as { dir: string }).dir;
        const settings = readGatewaySettings(dir);
        const query = options.beforeSeq ? `?beforeSeq=${options.beforeSeq}` : '';
        const response = await fetch(`http://${settings.localListen.host}:${settings.localListen.port}/gateway/log/archive${query}`, {
          method: 'POST',
        }).catch(() => undefined);
        if (!response)
          throw new InvalidArgumentError(`The gateway in ${dir} is not running: start it (joinery gateway --dir ${dir}) and archive again`);
        const result = (await response.json()) as { archived: { file: string; firstSeq: number; lastSeq: number }[] };
        if (result.archived.length === 0)
          process.stdout.write(
            'Nothing to archive: only the live segment is open (segments close at log.segmentMaxBytes in gateway.json)\n',
          );
        for (const a of result.archived) process.stdout.write(`Archived entries ${a.firstSeq}–${a.lastSeq} to ${a.file}\n`);
      }),
    );

  gateway
    .command('status')
    .description('What the gateway holds: identity, configuration, certificates and message log head')
    .option('--json', 'print JSON')
    .action(
      action(async (options: { json?: boolean }, command: Command) => {
        const dir = (command.parent!.opts() as { dir: string }).dir;
        readGatewaySettings(dir);
        const status = await gatewayStatus(dir);
        if (options.json) process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
        else process.stdout.write(`${status.lines.join('\n')}\n`);
      }),
    );
}
