/**
 * Loads the Wessex demonstration: its organisations, partnerships and demo users
 * into the database, and its source systems' extracts (with ground truth kept
 * apart) into the data folder for the rooms that import them. Safe to repeat:
 * organisations are updated, existing users are left alone.
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addUser, findUserByUsername, generatePassword, recordAudit, saveOrganisations, type Database, type Role } from '@joinery/core';
import { importGazetteer, loadWessexSources } from '@joinery/registers';
import { generateWessex, toOrganisations, writeScenarioFiles } from '@joinery/scenario';

export interface DemoLoadOptions {
  scale: number;
  seed: string;
  /** Folder for the demo's files (extracts, credentials); omit to keep nothing on disk. */
  dataDir?: string;
}

export interface DemoLoadReport {
  organisations: number;
  partnerships: number;
  usersAdded: string[];
  /** The password of the users added now (undefined when none were added). */
  password?: string;
  credentialsFile?: string;
  scenarioDir?: string;
  sourceSystems: number;
  sourceRecords: number;
}

/**
 * @example const report = await loadDemo(database, { scale: 0.1, seed: '1', dataDir: '.joinery' });
 */
export async function loadDemo(database: Database, { scale, seed, dataDir }: DemoLoadOptions): Promise<DemoLoadReport> {
  const scenario = generateWessex({ scale, seed });
  const { organisations, partnerships } = toOrganisations(scenario);
  await saveOrganisations(database, organisations, partnerships);

  const password = generatePassword();
  const usersAdded: string[] = [];
  for (const user of scenario.demoUsers) {
    if (await findUserByUsername(database, user.username)) continue;
    await addUser(database, {
      username: user.username,
      displayName: user.displayName,
      organisationCode: user.organisationCode,
      roles: user.roles as Role[],
      password,
    });
    usersAdded.push(user.username);
  }

  let credentialsFile: string | undefined;
  let scenarioDir: string | undefined;
  if (dataDir && !dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    if (usersAdded.length > 0) {
      credentialsFile = join(dataDir, 'demo-credentials.txt');
      const lines = [
        `# Wessex demo sign-ins (password for every account below: ${password})`,
        ...usersAdded.map((u) => `${u}\t${password}`),
        '',
      ];
      writeFileSync(credentialsFile, lines.join('\n'), { mode: 0o600 });
      chmodSync(credentialsFile, 0o600);
    }
    scenarioDir = join(dataDir, 'scenario');
    await writeScenarioFiles(scenario, scenarioDir);
  }

  const sourceRecords = Object.values(scenario.sourceExtracts).reduce((n, rows) => n + rows.length, 0);
  await recordAudit(database.db, {
    action: 'demo.load',
    details: { scale, seed, organisations: organisations.length, usersAdded: usersAdded.length, sourceRecords },
  });
  return {
    organisations: organisations.length,
    partnerships: partnerships.length,
    usersAdded,
    password: usersAdded.length > 0 ? password : undefined,
    credentialsFile,
    scenarioDir,
    sourceSystems: scenario.sourceSystems.length,
    sourceRecords,
  };
}

export interface DemoRegistersReport {
  /** Addresses in the merged register, and the conflicts the merge found. */
  addresses: number;
  conflicts: number;
  systems: number;
  records: number;
  persons: number;
  reviewPairs: number;
  seconds: number;
}

/** Loading the demo twice is safe: a gazetteer already imported is skipped. */
function alreadyImported(error: unknown): undefined {
  if ((error as { code?: string }).code === 'REGISTERS_GAZETTEER_ALREADY_IMPORTED') return undefined;
  throw error;
}

/**
 * The demo's registers, from the scenario folder `loadDemo` wrote: every source system's
 * extract loaded into the person index, and the index built. Only `sources/` is read; the
 * ground truth is never loaded. Safe to repeat: extracts already loaded are skipped.
 * @example await loadDemoRegisters(database, '.joinery/scenario');
 */
export async function loadDemoRegisters(database: Database, scenarioDir: string): Promise<DemoRegistersReport> {
  const started = performance.now();
  // Each district council's gazetteer, then OS Open UPRN coordinates, into the address register.
  let register = { addresses: 0, conflicts: 0 };
  const districts = readdirSync(join(scenarioDir, 'places', 'llpg'))
    .filter((f) => f.endsWith('.csv'))
    .sort();
  for (const file of districts) {
    const content = readFileSync(join(scenarioDir, 'places', 'llpg', file));
    const organisationCode = file.replace(/\.csv$/, '');
    const done = await importGazetteer(database, { organisationCode, format: 'dtf73', fileName: file, content, actor: null }).catch(
      alreadyImported,
    );
    if (done) register = done.register;
  }
  const coordinates = readFileSync(join(scenarioDir, 'places', 'open-uprn.csv'));
  const done = await importGazetteer(database, {
    organisationCode: 'wessex-council',
    format: 'open-uprn',
    fileName: 'open-uprn.csv',
    content: coordinates,
    actor: null,
  }).catch(alreadyImported);
  if (done) register = done.register;
  const persons = await loadWessexSources(database, scenarioDir);
  return {
    addresses: register.addresses,
    conflicts: register.conflicts,
    systems: persons.systems,
    records: persons.build.records,
    persons: persons.build.persons,
    reviewPairs: persons.build.reviewPairs,
    seconds: (performance.now() - started) / 1000,
  };
}
