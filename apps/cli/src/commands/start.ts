import { loadConfig } from '@joinery/core';
import { closeOnSignals, startServer } from '@joinery/server';
import type { Command } from 'commander';
import { action } from '../run.ts';

export function startCommand(program: Command): void {
  program
    .command('start')
    .description(
      'Start the Joinery server (embedded database under .joinery/ unless DATABASE_URL is set); loads the Wessex demo into an empty database',
    )
    .option('-p, --port <port>', 'port to listen on (default 3000, or PORT)')
    .option('--no-demo', 'do not load the Wessex demo into an empty database')
    .addHelpText('after', '\nConfiguration comes from joinery.config.json and environment variables: see docs/configuration.md.')
    .action(
      action(async (options: { port?: string; demo: boolean }) => {
        const env = { ...process.env };
        if (options.port) env.PORT = options.port;
        if (!options.demo) env.JOINERY_DEMO = 'false';
        const config = loadConfig({ env });
        const server = await startServer(config);
        closeOnSignals(server);
      }),
    );
}
