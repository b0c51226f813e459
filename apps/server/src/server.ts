/**
 * Starting and stopping the server: open the database, migrate, load the demo into
 * an empty database, listen, and close cleanly on SIGINT/SIGTERM. Failures that a
 * user can fix (port in use, bad DATABASE_URL, locked or corrupt data folder) become
 * one clear JoineryError for the CLI to print.
 */
import { join } from 'node:path';
import { coreError, countAllOrganisations, migrate, openDatabase, type Database, type JoineryConfig } from '@joinery/core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { loadDemoEstate } from './demo-estate.ts';
import { loadDemoExchange } from './demo-exchange.ts';
import { startDemoExchange, type RunningDemoExchange } from './exchange/demo-gateways.ts';
import { loadDemo, loadDemoRegisters, type DemoLoadReport } from './demo.ts';
import { MIGRATIONS } from './migrations.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  demo?: DemoLoadReport;
  close(): Promise<void>;
}

type Log = (line: string) => void;
const toStderr: Log = (line) => void process.stderr.write(`${line}\n`);

export async function startServer(config: JoineryConfig, { log = toStderr }: { log?: Log } = {}): Promise<RunningServer> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let app: FastifyInstance | undefined;
  try {
    log(`Joinery: database is ${database.description}`);
    const applied = await migrate(database, MIGRATIONS);
    if (applied.length > 0) log(`Joinery: applied ${applied.length} migration(s)`);

    let demo: DemoLoadReport | undefined;
    if (config.demoOnStart && (await countAllOrganisations(database)) === 0) {
      log(`Joinery: loading the Wessex demo (scale ${config.demoScale}, seed ${config.demoSeed})…`);
      demo = await loadDemo(database, { scale: config.demoScale, seed: config.demoSeed, dataDir: config.dataDir });
      log(`Joinery: loaded ${demo.organisations} organisations and ${demo.usersAdded.length} demo users`);
      if (demo.scenarioDir) {
        log('Joinery: loading the demo gazetteers into the address register and the source systems into the person index…');
        const registers = await loadDemoRegisters(database, demo.scenarioDir);
        log(
          `Joinery: address register of ${registers.addresses} addresses (${registers.conflicts} conflicts between gazetteers); person index built from ${registers.systems} source systems: ${registers.records} records, ${registers.persons} persons, ${registers.reviewPairs} pairs to review (${registers.seconds.toFixed(1)} s)`,
        );
        const estate = await loadDemoEstate(database, demo.scenarioDir);
        log(`Joinery: ${estate.contracts} contracts from ${estate.councils} councils' contract registers`);
      }
      if (demo.password)
        log(
          `Joinery: demo users (${demo.usersAdded.slice(0, 3).join(', ')}, …) sign in with the password ${demo.password}; all are listed in ${demo.credentialsFile}`,
        );
    }

    const credentials = join(config.dataDir, 'demo-credentials.txt');
    app = await buildApp({
      config,
      database,
      logger: { level: config.logLevel },
      demoCredentialsFile: config.demoOnStart ? credentials : undefined,
      closeDatabaseOnClose: true,
    });
    try {
      await app.listen({ host: config.host, port: config.port });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE')
        throw coreError(
          'CORE_CONFIG_INVALID',
          `Port ${config.port} on ${config.host} is already in use by another program. Stop it, or start Joinery on another port with PORT=3001.`,
        );
      if (code === 'EACCES')
        throw coreError(
          'CORE_CONFIG_INVALID',
          `Joinery is not allowed to listen on port ${config.port}. Use a port above 1023, such as PORT=3000.`,
        );
      if (code === 'ENOTFOUND' || code === 'EADDRNOTAVAIL')
        throw coreError('CORE_CONFIG_INVALID', `HOST "${config.host}" is not an address of this machine.`);
      throw error;
    }
    const url = config.publicUrl;
    // The demo's gateways enrol with (and fetch their configuration from) this server: after it listens.
    let exchange: RunningDemoExchange | undefined;
    if (config.demoOnStart && !config.dataDir.startsWith('memory://')) {
      try {
        if (demo?.scenarioDir) {
          // Gateways reach the authority at the address it really listens on (port 0 picks one).
          const address = app.server.address();
          const publicUrl =
            config.port === 0 && address && typeof address === 'object' ? `http://127.0.0.1:${address.port}` : config.publicUrl;
          const loaded = await loadDemoExchange(database, { dataDir: config.dataDir, publicUrl });
          log(
            `Joinery: ${loaded.federations} federations with ${loaded.gateways} gateways, ${loaded.services} services and ${loaded.grants} access rights`,
          );
        }
        exchange = await startDemoExchange(database, config.dataDir, log);
      } catch (error) {
        log(`Joinery: the demo's gateways did not start: ${(error as Error).message}`);
      }
    }
    log(`Joinery is running at ${url} (press Ctrl+C to stop)`);
    const running = app;
    return {
      app: running,
      database,
      url,
      demo,
      close: async () => {
        await exchange?.close();
        await running.close();
      },
    };
  } catch (error) {
    if (app) await app.close().catch(() => {});
    else await database.close().catch(() => {});
    throw error;
  }
}

/** Closes the server on SIGINT/SIGTERM: stops accepting, finishes requests, closes the database. */
export function closeOnSignals(server: RunningServer, log: Log = toStderr): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    log(`Joinery: ${signal} received, shutting down…`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
