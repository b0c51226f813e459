/**
 * `joinery link`: link and deduplicate records in CSV files. With --settings, runs them;
 * without, proposes settings from the columns, writes them to OUT/settings.json and runs
 * them. Writes pairs.csv, clusters.csv, model.json and report.html; with --labels, also
 * prints and reports precision, recall and F1.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JoineryError, type ProblemDetail } from '@joinery/core';
import {
  evaluate,
  explainPair,
  link,
  LinkageSettings,
  proposeSettings,
  renderReport,
  type LinkResult,
  type Records,
  type TrainedModel,
} from '@joinery/linkage';
import { stringify } from 'csv-stringify/sync';
import { InvalidArgumentError, type Command } from 'commander';
import { Check } from 'typebox/value';
import { readTable, type ReadTable } from '../link/read-table.ts';
import { readLabels } from '../link/labels.ts';
import { linkProgress } from '../link/progress.ts';
import { probability } from '../options.ts';
import { action } from '../run.ts';

interface LinkCliOptions {
  input: string[];
  settings?: string;
  model?: string;
  out: string;
  id?: string;
  linkType?: LinkageSettings['linkType'];
  labels?: string;
  trainFromLabels?: boolean;
  clustering?: LinkageSettings['clustering'];
  threshold?: number;
  minProbability: number;
  schema?: boolean;
  explain: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];
const clusteringMethod = (value: string) => {
  if (value !== 'connected-components' && value !== 'single-best-links')
    throw new InvalidArgumentError(`must be connected-components or single-best-links (it is "${value}")`);
  return value;
};

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new JoineryError('LINKAGE_SETTINGS_INVALID', 400, `${file} cannot be read as ${what}: ${(error as Error).message}`);
  }
}

function checkInputs(settings: LinkageSettings, tables: ReadTable[]): void {
  const problems: ProblemDetail[] = [];
  const needed = new Set([
    settings.uniqueIdColumn,
    ...settings.comparisons.map((c) => c.column),
    ...settings.blockingRules.flatMap((r) => r.keys.flatMap((k) => (k.withColumn ? [k.column, k.withColumn] : [k.column]))),
  ]);
  for (const table of tables) {
    for (const column of needed)
      if (!table.columns.includes(column))
        problems.push({ file: table.file, column, message: `has no column "${column}" (it has ${table.columns.join(', ')})` });
    const seen = new Map<string, number>();
    table.rows.forEach((row, index) => {
      const id = row[settings.uniqueIdColumn] ?? '';
      if (id === '')
        problems.push({ file: table.file, row: index + 2, column: settings.uniqueIdColumn, message: 'the unique id is empty' });
      else if (seen.has(id))
        problems.push({
          file: table.file,
          row: index + 2,
          column: settings.uniqueIdColumn,
          message: `the unique id "${id}" is also on row ${seen.get(id)}`,
        });
      else seen.set(id, index + 2);
    });
  }
  if (problems.length > 0)
    throw new JoineryError(
      'LINKAGE_INPUT_INVALID',
      400,
      `The input cannot be linked: ${problems.length} problem(s)`,
      problems.slice(0, 50),
    );
}

function writeOutputs(out: string, result: LinkResult, minProbability: number): { pairs: number } {
  const { records, scored, clusters } = result;
  const pairRows: (string | number)[][] = [];
  for (let p = 0; p < scored.count; p++) {
    if (scored.probability[p]! < minProbability) continue;
    const i = scored.left[p]!;
    const j = scored.right[p]!;
    pairRows.push([
      records.sources[i]!,
      records.ids[i]!,
      records.sources[j]!,
      records.ids[j]!,
      scored.weight[p]!.toFixed(4),
      scored.probability[p]!.toFixed(6),
    ]);
  }
  writeFileSync(
    join(out, 'pairs.csv'),
    stringify(pairRows, { header: true, columns: ['source_l', 'id_l', 'source_r', 'id_r', 'match_weight', 'match_probability'] }),
  );
  const clusterRows = records.ids.map((id, i) => {
    const root = clusters.clusterOf[i]!;
    return [records.sources[i]!, id, `${records.sources[root]}:${records.ids[root]}`];
  });
  writeFileSync(join(out, 'clusters.csv'), stringify(clusterRows, { header: true, columns: ['source', 'id', 'cluster_id'] }));
  writeFileSync(join(out, 'model.json'), `${JSON.stringify(result.model, null, 2)}\n`);
  return { pairs: pairRows.length };
}

function findRecord(result: LinkResult, ref: string): number {
  const [source, id] = ref.includes(':') ? (ref.split(':', 2) as [string, string]) : [undefined, ref];
  const index = result.records.ids.findIndex(
    (candidate, i) => candidate === id && (source === undefined || result.records.sources[i] === source),
  );
  if (index < 0) throw new JoineryError('LINKAGE_RECORD_UNKNOWN', 404, `No record "${ref}" in the input`);
  return index;
}

/** A waterfall in the terminal: each comparison's level and the bits it added. */
function printExplanation(result: LinkResult, pair: string): void {
  const [left, right] = pair.split(',');
  if (!left || !right) throw new InvalidArgumentError(`--explain needs two ids separated by a comma (got "${pair}")`);
  const e = explainPair(
    result.model,
    result.comparisons,
    result.records,
    result.termFrequencies,
    findRecord(result, left),
    findRecord(result, right),
  );
  const lines = [`${left} ~ ${right}`, `  prior (λ)${' '.repeat(32)}${e.priorWeight.toFixed(2).padStart(8)}`];
  for (const s of e.steps)
    lines.push(
      `  ${`${s.comparison}: ${s.left ?? '∅'} / ${s.right ?? '∅'}`.padEnd(30).slice(0, 30)} ${s.level.padEnd(22).slice(0, 22)}${s.weight.toFixed(2).padStart(8)}`,
    );
  lines.push(`  match weight ${e.matchWeight.toFixed(2)}, probability ${e.matchProbability.toFixed(4)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function linkCommand(program: Command): void {
  program
    .command('link')
    .description('Link and deduplicate records in CSV files (Fellegi–Sunter; trained without labels unless --train-from-labels)')
    .option('-i, --input <file>', 'a CSV file (repeatable: several files are linked to each other)', collect, [] as string[])
    .option('-s, --settings <file>', 'settings JSON; without it, settings are proposed from the columns and written to OUT/settings.json')
    .option('-m, --model <file>', 'a model.json from an earlier run: skip training')
    .option('-o, --out <dir>', 'folder for pairs.csv, clusters.csv, model.json, report.html', 'linkage')
    .option('--id <column>', 'the unique id column (when proposing settings)')
    .option('--link-type <type>', 'dedupe_only, link_only or link_and_dedupe (when proposing settings)')
    .option('--labels <file>', 'ground truth: CSV of (id, cluster) or (id_l, id_r), with an optional source column')
    .option('--train-from-labels', 'learn m from the --labels (matching pairs) instead of by EM; u and λ are still estimated')
    .option('--clustering <method>', 'connected-components or single-best-links (stricter; overrides the settings)', clusteringMethod)
    .option('--threshold <p>', 'match probability for clusters (overrides the settings)', probability)
    .option('--min-probability <p>', 'smallest match probability written to pairs.csv', probability, 0.01)
    .option('--schema', 'print the settings JSON Schema and exit')
    .option(
      '--explain <ids>',
      'explain a pair: two ids, comma-separated (SOURCE:ID where ids repeat across files); repeatable',
      collect,
      [] as string[],
    )
    .addHelpText(
      'after',
      '\nExamples:\n  joinery link --input patients.csv --out run1\n  joinery link --settings run1/settings.json --input a.csv --input b.csv --out run2 --labels truth.csv\n\nSee docs/linkage.md.',
    )
    .action(
      action(async (options: LinkCliOptions) => {
        if (options.schema) {
          process.stdout.write(`${JSON.stringify(LinkageSettings, null, 2)}\n`);
          return;
        }
        if (options.input.length === 0) throw new InvalidArgumentError('give at least one --input file');
        if (options.trainFromLabels && !options.labels) throw new InvalidArgumentError('--train-from-labels needs --labels FILE');
        if (options.trainFromLabels && options.model)
          throw new InvalidArgumentError('--train-from-labels trains a new model: leave out --model');
        const tables = options.input.map(readTable);
        for (const t of tables)
          process.stderr.write(`read ${t.file}: ${t.rows.length} rows, ${t.columns.length} columns (${t.encoding})\n`);
        mkdirSync(options.out, { recursive: true });
        const model = options.model ? (readJson(options.model, 'a model') as TrainedModel) : undefined;
        let settings: LinkageSettings;
        if (options.settings ?? model) {
          const raw = model ? model.settings : readJson(options.settings!, 'settings');
          if (!Check(LinkageSettings, raw))
            throw new JoineryError(
              'LINKAGE_SETTINGS_INVALID',
              400,
              `${options.settings ?? options.model} does not match the settings schema (see joinery link --schema)`,
            );
          settings = raw;
        } else {
          const linkType = options.linkType ?? (tables.length > 1 ? 'link_and_dedupe' : 'dedupe_only');
          const proposal = proposeSettings(tables[0]!.rows, { linkType, idColumn: options.id });
          settings = proposal.settings;
          for (const p of proposal.profiles) process.stderr.write(`  ${p.column}: ${p.kind} (${p.why})\n`);
          writeFileSync(join(options.out, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
          process.stderr.write(`proposed settings written to ${join(options.out, 'settings.json')}: edit and rerun with --settings\n`);
        }
        if (options.threshold !== undefined) settings = { ...settings, threshold: options.threshold };
        if (options.clustering) settings = { ...settings, clustering: options.clustering };
        checkInputs(settings, tables);
        const labelsFile = options.labels;
        const trainingLabels = options.trainFromLabels && labelsFile ? (records: Records) => readLabels(labelsFile, records) : undefined;
        const result = link(settings, tables, { model, trainingLabels, ...linkProgress() });
        const { pairs } = writeOutputs(options.out, result, options.minProbability);
        const evaluation = options.labels
          ? evaluate(readLabels(options.labels, result.records), result.scored, result.clusters, settings.threshold)
          : undefined;
        if (evaluation) writeFileSync(join(options.out, 'evaluation.json'), `${JSON.stringify(evaluation, null, 2)}\n`);
        writeFileSync(join(options.out, 'report.html'), renderReport(result, evaluation));
        process.stdout.write(
          `${result.records.count} records, ${result.scored.count} pairs compared, ${pairs} pairs written, ${result.clusters.count} clusters → ${options.out}\n`,
        );
        for (const pair of options.explain) printExplanation(result, pair);
        if (evaluation) {
          if (options.trainFromLabels)
            process.stdout.write('(trained on these labels: the figures below are optimistic; hold some labels back to measure)\n');
          const s = evaluation.pairs;
          process.stdout.write(
            `pairs at ${settings.threshold}: precision ${s.precision.toFixed(4)}, recall ${s.recall.toFixed(4)}, F1 ${s.f1.toFixed(4)}\n`,
          );
          const c = evaluation.clusters;
          process.stdout.write(`clusters: precision ${c.precision.toFixed(4)}, recall ${c.recall.toFixed(4)}, F1 ${c.f1.toFixed(4)}\n`);
        }
      }),
    );
}
