/** The `joinery` command's verbs, built without running (main.ts runs it; tests read its help). */
import { Command } from 'commander';
import { addressCommand } from './commands/address.ts';
import { dbCommand } from './commands/db.ts';
import { linkCommand } from './commands/link.ts';
import { demoCommand } from './commands/demo.ts';
import { estateCommand } from './commands/estate.ts';
import { exchangeCommand } from './commands/exchange.ts';
import { gatewayCommand } from './commands/gateway.ts';
import { referenceCommand } from './commands/reference.ts';
import { portabilityCommands } from './commands/portability.ts';
import { personsCommand } from './commands/persons.ts';
import { startCommand } from './commands/start.ts';
import { usersCommand } from './commands/users.ts';

export function buildProgram(): Command {
  const program = new Command('joinery')
    .description('Joinery: open rails that join up the systems and data of councils and their partners')
    .version('0.1.0')
    .showHelpAfterError()
    .addHelpText('after', '\nRun "joinery <command> --help" for a command\'s options. Docs: docs/README.md');
  startCommand(program);
  dbCommand(program);
  demoCommand(program);
  usersCommand(program);
  portabilityCommands(program);
  linkCommand(program);
  personsCommand(program);
  addressCommand(program);
  estateCommand(program);
  referenceCommand(program);
  exchangeCommand(program);
  gatewayCommand(program);
  return program;
}
