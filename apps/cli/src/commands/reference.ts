/**
 * `joinery reference`: the national reference lists the estate classifies and reorganises
 * against, imported from the files their publishers release (Joinery ships no copies); starting
 * a reorganisation from the imported register; classifying applications on the Function list.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  importReferenceList,
  proposePredecessors,
  REFERENCE_LISTS,
  runClassification,
  startReorganisationFromRegister,
  type ReferenceList,
} from '@joinery/estate';
import { InvalidArgumentError, type Command } from 'commander';
import { withDatabase } from '../database.ts';
import { action } from '../run.ts';

export function referenceCommand(program: Command): void {
  const reference = program
    .command('reference')
    .description('Reference lists: LGSL, LGA functions, registers of councils; reorganisations from the register')
    .addHelpText('after', '\nSee docs/estate.md (Reference lists).');
  reference
    .command('import')
    .description('Import a version of a reference list; the current file again changes nothing, a new one replaces it')
    .argument('<list>', `one of ${REFERENCE_LISTS.join(', ')}`, (value: string) => {
      if (!(REFERENCE_LISTS as readonly string[]).includes(value))
        throw new InvalidArgumentError(`the list is one of ${REFERENCE_LISTS.join(', ')}`);
      return value as ReferenceList;
    })
    .argument('<file>', 'the file as published (CSV)')
    .action(
      action(async (list: ReferenceList, file: string) => {
        await withDatabase(async (database) => {
          const r = await importReferenceList(database, null, { list, fileName: basename(file), bytes: readFileSync(file) });
          process.stdout.write(
            `${r.list} (${r.format}): ${r.rows} rows read, ${r.imported} imported, ${r.refused} refused${r.unchanged ? ' — already the current version, nothing changed' : ` (version ${r.importId})`}\n`,
          );
          for (const p of r.problems.slice(0, 50)) process.stdout.write(`  row ${p.row}, column ${p.column}: ${p.message}\n`);
          if (r.problems.length > 50) process.stdout.write(`  … and ${r.problems.length - 50} more problems\n`);
        });
      }),
    );
  reference
    .command('propose')
    .description('The predecessors the imported register proposes for a council (by register code, e.g. BUC)')
    .argument('<code>', 'the council’s code in the register')
    .action(
      action(async (code: string) => {
        await withDatabase(async (database) => {
          const p = await proposePredecessors(database, code);
          process.stdout.write(`${p.entry.name} (${p.entry.code}${p.entry.gssCode ? `, ${p.entry.gssCode}` : ''})\n`);
          for (const x of p.proposals) process.stdout.write(`  ${x.entry.code}\t${x.entry.name}\t${x.why}\n`);
        });
      }),
    );
  reference
    .command('start-reorganisation')
    .description(
      'Start a reorganisation from the imported register: organisations with their GSS and local-authority codes, successors set',
    )
    .requiredOption('--code <code>', 'the reorganisation’s code, e.g. bucks-lgr')
    .requiredOption('--name <name>', 'the programme’s name')
    .requiredOption('--vesting-day <date>', 'YYYY-MM-DD')
    .option('--successor <code>', 'the successor’s code in the register, e.g. BUC')
    .option('--new-successor <code:name>', 'a new council: its organisation code and name, e.g. "surrey-west:West Surrey Council"')
    .option('--predecessors <codes>', 'register codes, comma-separated; default: those the register proposes for --successor')
    .action(
      action(
        async (o: { code: string; name: string; vestingDay: string; successor?: string; newSuccessor?: string; predecessors?: string }) => {
          await withDatabase(async (database) => {
            const [newCode, ...newName] = (o.newSuccessor ?? '').split(':');
            const successor = o.successor ? { registerCode: o.successor } : { code: newCode, name: newName.join(':') };
            const predecessors = o.predecessors
              ? o.predecessors.split(',').map((c) => c.trim())
              : o.successor
                ? (await proposePredecessors(database, o.successor)).proposals.map((p) => p.entry.code)
                : [];
            const r = await startReorganisationFromRegister(database, null, {
              code: o.code,
              name: o.name,
              vestingDay: o.vestingDay,
              successor,
              predecessors,
            });
            process.stdout.write(
              `${r.reorganisation.code}: ${r.reorganisation.predecessorCodes.join(', ')} → ${r.reorganisation.successorCode} on ${r.reorganisation.vestingDay} (${r.created.length} organisations created, ${r.updated.length} updated)\n`,
            );
          });
        },
      ),
    );
  reference
    .command('classify')
    .description('Classify organisations’ current applications on the imported Function list (a person’s decisions are kept)')
    .argument('<organisations...>', 'organisation codes')
    .action(
      action(async (organisations: string[]) => {
        await withDatabase(async (database) => {
          const r = await runClassification(database, null, organisations);
          process.stdout.write(
            `${r.applications} applications: ${r.classified} classified (${r.byUser} by a person), ${r.unclassified} not classified\n`,
          );
        });
      }),
    );
}
