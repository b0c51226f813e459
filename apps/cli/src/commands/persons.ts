/**
 * `joinery persons`: the person index from the command line — register a source system,
 * load an extract, build the index, match a record, measure accuracy against ground truth.
 * Matching prints personal data, so it needs a reason, which goes into the audit trail.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readCsv } from '@joinery/core';
import {
  buildPersonIndex,
  listSystems,
  loadExtract,
  matchPerson,
  personIndexAccuracy,
  proposeMappingForExtract,
  registerSystem,
  type PersonQuery,
} from '@joinery/registers';
import { InvalidArgumentError, type Command } from 'commander';
import { withDatabase } from '../database.ts';
import { probability } from '../options.ts';
import { action } from '../run.ts';

export function personsCommand(program: Command): void {
  const persons = program
    .command('persons')
    .description('The person index: source systems, extracts, building the index, matching a record')
    .addHelpText('after', '\nSee docs/person-index.md.');

  persons
    .command('systems')
    .description('List the registered source systems')
    .action(
      action(async () => {
        await withDatabase(async (database) => {
          for (const s of await listSystems(database)) process.stdout.write(`${s.key}\t${s.name}\n`);
        });
      }),
    );

  persons
    .command('register')
    .description('Register a source system, with a column mapping proposed from an extract’s headers')
    .requiredOption('--system <org/code>', 'organisation code and system code, e.g. casterbridge/council-tax')
    .requiredOption('--name <name>', 'the system’s name, e.g. "Council tax"')
    .requiredOption('--sample <file>', 'an extract (CSV) whose headers the mapping is proposed from')
    .action(
      action(async (options: { system: string; name: string; sample: string }) => {
        const [organisationCode, code] = options.system.split('/');
        if (!organisationCode || !code) throw new InvalidArgumentError('--system is ORGANISATION/CODE, e.g. casterbridge/council-tax');
        const { mapping } = proposeMappingForExtract(readFileSync(options.sample), basename(options.sample));
        await withDatabase(async (database) => {
          const system = await registerSystem(database, null, { organisationCode, code, name: options.name, mapping });
          process.stdout.write(`Registered ${system.key}. Column mapping (edit it on the system's page or with PUT …/mapping):\n`);
          for (const [field, column] of Object.entries(system.mapping)) process.stdout.write(`  ${field}\t← ${String(column)}\n`);
        });
      }),
    );

  persons
    .command('load')
    .description('Load an extract of a source system (a full snapshot: new records added, changed updated, missing retired)')
    .requiredOption('--system <org/code>', 'the registered system, e.g. casterbridge/council-tax')
    .argument('<file>', 'the extract (CSV)')
    .action(
      action(async (file: string, options: { system: string }) => {
        await withDatabase(async (database) => {
          const r = await loadExtract(database, null, { systemKey: options.system, bytes: readFileSync(file), fileName: basename(file) });
          process.stdout.write(
            `${r.rows} rows: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged, ${r.retired} retired, ${r.refused} refused\n`,
          );
          for (const p of r.problems.slice(0, 50))
            process.stdout.write(`  row ${p.row}${p.column ? `, column ${p.column}` : ''}: ${p.message}\n`);
          if (r.problems.length > 50) process.stdout.write(`  … and ${r.problems.length - 50} more\n`);
        });
      }),
    );

  persons
    .command('build')
    .description('Link every active record into persons (stable person ids; merges and splits recorded)')
    .option('--retrain', 'train a new model even though one is stored')
    .option('--train-from-decisions', 'retrain with m learnt from reviewers’ decisions')
    .option('--threshold <p>', 'match probability at which records join one person', probability)
    .option('--full', 're-link every record (otherwise only records changed since the last build and the persons they touch)')
    .action(
      action(async (options: { retrain?: boolean; trainFromDecisions?: boolean; threshold?: number; full?: boolean }) => {
        await withDatabase(async (database) => {
          const r = await buildPersonIndex(database, null, {
            retrain: options.retrain,
            trainFromDecisions: options.trainFromDecisions,
            threshold: options.threshold,
            incremental: !options.full,
            onStage: (stage, detail) => process.stderr.write(`${stage}: ${detail}\n`),
          });
          const relinked =
            r.mode === 'full'
              ? 'every record re-linked'
              : `${r.relinkedRecords} re-linked (${r.changedRecords} changed since the last build)`;
          process.stdout.write(
            `${r.records} records (${relinked}) → ${r.persons} persons (${r.newPersons} new, ${r.merges} merges, ${r.splits} splits), ${r.reviewPairs} pairs to review; model v${r.modelVersion}${r.trained ? ' (trained now)' : ''}; ${r.seconds.toFixed(1)} s\n`,
          );
        });
      }),
    );

  persons
    .command('match')
    .description('Find the person a record belongs to (prints personal data: give the reason, which is audited)')
    .requiredOption('--reason <text>', 'why you are looking (recorded in the audit trail)')
    .option('--given-name <name>')
    .option('--surname <name>')
    .option('--dob <date>', 'date of birth')
    .option('--nhs-number <n>')
    .option('--postcode <p>')
    .option('--address <text>')
    .action(
      action(
        async (options: {
          reason: string;
          givenName?: string;
          surname?: string;
          dob?: string;
          nhsNumber?: string;
          postcode?: string;
          address?: string;
        }) => {
          if (options.reason.trim().length < 3) throw new InvalidArgumentError('--reason must say why (at least 3 characters)');
          const query: PersonQuery = {
            givenName: options.givenName,
            surname: options.surname,
            dateOfBirth: options.dob,
            nhsNumber: options.nhsNumber,
            postcode: options.postcode,
            address: options.address,
          };
          await withDatabase(async (database) => {
            const match = await matchPerson(database, null, query, { reason: options.reason });
            process.stdout.write(
              match.person
                ? `Person ${match.person.personId} (${match.person.matchProbability.toFixed(4)})\n`
                : 'No person above the threshold\n',
            );
            for (const c of match.candidates) process.stdout.write(`  ${c.personId}\t${c.matchProbability.toFixed(4)}\n`);
          });
        },
      ),
    );

  persons
    .command('accuracy')
    .description('Precision and recall of the index per source system, against a ground-truth file')
    .requiredOption('--truth <file>', 'CSV with system_code, record_id, person_id (the scenario’s truth/record-links.csv)')
    .action(
      action(async (options: { truth: string }) => {
        const truth = readCsv(readFileSync(options.truth), basename(options.truth)).rows.map((r) => ({
          systemKey: r.system_code ?? '',
          sourceRecordId: r.record_id ?? '',
          truePersonId: r.person_id ?? '',
        }));
        await withDatabase(async (database) => {
          const report = await personIndexAccuracy(database, truth);
          const row = (name: string, a: { records: number; precision: number; recall: number; f1: number }) =>
            `${name.padEnd(40)}${String(a.records).padStart(8)}  ${a.precision.toFixed(3)}  ${a.recall.toFixed(3)}  ${a.f1.toFixed(3)}\n`;
          process.stdout.write(`${'system'.padEnd(40)}${'records'.padStart(8)}  prec.  recall F1\n`);
          for (const s of report.systems) process.stdout.write(row(s.systemKey, s));
          process.stdout.write(row('all systems', report.overall));
        });
      }),
    );
}
