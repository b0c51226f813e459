/** What the `joinery exchange` verbs share: the CLI's actor, the authority over the database, output and option helpers. */
import { readFileSync } from 'node:fs';
import type { Database, JoineryConfig } from '@joinery/core';
import { openAuthority, systemActor, type AuthorityContext } from '@joinery/exchange';
import { InvalidArgumentError, type Command } from 'commander';
import { withDatabase } from '../database.ts';

export const CLI = systemActor('cli');

/** The database with the exchange's tables, and the authority over it. */
export async function withAuthority(
  fn: (authority: AuthorityContext, database: Database, config: JoineryConfig) => Promise<void>,
): Promise<void> {
  await withDatabase(async (database, config) => {
    await fn(openAuthority(database, { dataDir: config.dataDir }), database, config);
  });
}

export const print = (line: string): void => void process.stdout.write(`${line}\n`);
export const printJson = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InvalidArgumentError(`${what} ${file} cannot be read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidArgumentError(`${what} ${file} is not JSON: ${(error as Error).message}`);
  }
}

export const federationOption = (command: Command) => command.requiredOption('--federation <code>', 'the federation, e.g. wessex');
