import { describe, expect, it } from 'vitest';
import {
  blockPairs,
  clusterAtThreshold,
  clusterSingleBestLinks,
  labelledMatchingPairs,
  compileComparisons,
  createMatchIndex,
  countComparisons,
  evaluate,
  expectationMaximisation,
  explainPair,
  link,
  prepareRecords,
  presetComparison,
  proposeSettings,
  type LinkageSettings,
  type ScoredPairs,
} from '../src/index.ts';
import { seededRandom } from '../src/random.ts';

const FORENAMES = [
  'john',
  'mary',
  'william',
  'elizabeth',
  'james',
  'margaret',
  'thomas',
  'sarah',
  'george',
  'alice',
  'henry',
  'emily',
  'oliver',
  'grace',
  'jack',
  'ruby',
  'amir',
  'priya',
  'wei',
  'fatima',
];
const SURNAMES = [
  'smith',
  'jones',
  'taylor',
  'brown',
  'williams',
  'wilson',
  'johnson',
  'davies',
  'patel',
  'khan',
  'evans',
  'thomas',
  'roberts',
  'walker',
  'wright',
  'robinson',
  'thompson',
  'white',
  'hughes',
  'edwards',
  'green',
  'hall',
  'wood',
  'harris',
  'lewis',
];

/** Small synthetic people with typos, missing values and duplicates, and their truth. */
function people(count: number, seed = 7) {
  const random = seededRandom(seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const typo = (s: string) => {
    if (s.length < 3 || random() > 0.3) return s;
    const k = 1 + Math.floor(random() * (s.length - 2));
    return s.slice(0, k) + s[k + 1] + s[k] + s.slice(k + 2);
  };
  const rows: Record<string, string>[] = [];
  const truth: string[] = [];
  for (let e = 0; e < count; e++) {
    const person = {
      first: pick(FORENAMES),
      last: pick(SURNAMES),
      dob: `19${String(20 + Math.floor(random() * 80)).padStart(2, '0')}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
      postcode: `WX${1 + Math.floor(random() * 9)} ${1 + Math.floor(random() * 9)}${pick(['AB', 'CD', 'EF', 'GH'])}`,
    };
    const copies = 1 + Math.floor(random() * 3);
    for (let c = 0; c < copies; c++) {
      rows.push({
        id: `r${rows.length}`,
        first_name: c === 0 ? person.first : typo(person.first),
        surname: c === 0 ? person.last : typo(person.last),
        dob: random() < 0.05 ? '' : person.dob,
        postcode: random() < 0.1 ? '' : person.postcode,
      });
      truth.push(String(e));
    }
  }
  return { rows, truth };
}

const SETTINGS: LinkageSettings = {
  linkType: 'dedupe_only',
  uniqueIdColumn: 'id',
  blockingRules: [
    { keys: [{ column: 'dob' }] },
    {
      keys: [
        { column: 'surname', transform: 'first-3' },
        { column: 'first_name', transform: 'first-1' },
      ],
    },
  ],
  comparisons: [
    presetComparison('first_name', 'forename'),
    presetComparison('surname', 'surname'),
    presetComparison('dob', 'date'),
    presetComparison('postcode', 'postcode'),
  ],
  threshold: 0.9,
  uSampleSize: 20000,
};

describe('blocking', () => {
  const { rows } = people(400);
  const records = prepareRecords(SETTINGS, [{ source: 'a', rows }]);

  it('counts comparisons per rule before making pairs, and makes each pair once', () => {
    const counts = countComparisons(records, SETTINGS);
    const blocked = blockPairs(records, SETTINGS);
    expect(blocked.perRule.map((r) => r.comparisons)).toEqual(counts.map((c) => c.comparisons));
    expect(blocked.count).toBeLessThanOrEqual(counts[0]!.comparisons + counts[1]!.comparisons);
    const keys = new Set<string>();
    for (let p = 0; p < blocked.count; p++)
      keys.add(`${Math.min(blocked.left[p]!, blocked.right[p]!)}-${Math.max(blocked.left[p]!, blocked.right[p]!)}`);
    expect(keys.size).toBe(blocked.count);
  });

  it('refuses a runaway block with a message that says what to do', () => {
    expect(() =>
      blockPairs(records, { ...SETTINGS, blockingRules: [{ keys: [{ column: 'first_name', transform: 'first-1' }] }], maxBlockSize: 10 }),
    ).toThrow(/above the limit of 10.*stricter/);
  });

  it('compares only across sources for link_only', () => {
    const two = prepareRecords({ ...SETTINGS, linkType: 'link_only' }, [
      { source: 'a', rows: rows.slice(0, 200) },
      { source: 'b', rows: rows.slice(200) },
    ]);
    const blocked = blockPairs(two, { ...SETTINGS, linkType: 'link_only' });
    for (let p = 0; p < blocked.count; p++) expect(two.sourceOf[blocked.left[p]!]).not.toBe(two.sourceOf[blocked.right[p]!]);
  });
});

describe('the whole run', () => {
  const { rows, truth } = people(600);

  it('links typo-ridden duplicates accurately without labels', () => {
    const result = link(SETTINGS, [{ source: 'a', rows }]);
    const evaluation = evaluate(truth, result.scored, result.clusters, SETTINGS.threshold);
    expect(evaluation.pairs.precision).toBeGreaterThan(0.95);
    expect(evaluation.pairs.recall).toBeGreaterThan(0.85);
    expect(result.model.lambda).toBeGreaterThan(0);
    expect(result.model.lambda).toBeLessThan(0.01);
  });

  it('gives the same answer every time (seeded sampling)', () => {
    const a = link(SETTINGS, [{ source: 'a', rows }]);
    const b = link(SETTINGS, [{ source: 'a', rows }]);
    expect(Array.from(a.scored.weight)).toEqual(Array.from(b.scored.weight));
    expect(Array.from(a.clusters.clusterOf)).toEqual(Array.from(b.clusters.clusterOf));
  });

  it('tells a progress display how far the long stages have got', () => {
    const seen: string[] = [];
    const last = new Map<string, [number, number]>();
    link(SETTINGS, [{ source: 'a', rows }], {
      onStageStart: (stage) => seen.push(stage),
      onProgress: (stage, done, total) => last.set(stage, [done, total]),
    });
    expect(seen).toEqual(['prepare', 'block', 'compare', 'train', 'predict', 'cluster']);
    const [done, total] = last.get('compare')!;
    expect(done).toBe(total);
    expect(total).toBeGreaterThan(0);
    expect(last.get('block')![0]).toBeLessThanOrEqual(last.get('block')![1]);
  });

  it('reuses a trained model', () => {
    const first = link(SETTINGS, [{ source: 'a', rows }]);
    const again = link(SETTINGS, [{ source: 'a', rows }], { model: JSON.parse(JSON.stringify(first.model)) });
    expect(again.timings.train).toBeUndefined();
    expect(Array.from(again.scored.probability)).toEqual(Array.from(first.scored.probability));
  });

  it('explains a pair: steps add up to the match weight, with level labels', () => {
    const result = link(SETTINGS, [{ source: 'a', rows }]);
    const p = 0;
    const e = explainPair(
      result.model,
      result.comparisons,
      result.records,
      result.termFrequencies,
      result.scored.left[p]!,
      result.scored.right[p]!,
    );
    expect(e.steps.map((s) => s.comparison)).toEqual(['first name', 'surname', 'dob', 'postcode']);
    expect(e.priorWeight + e.steps.reduce((t, s) => t + s.weight, 0)).toBeCloseTo(result.scored.weight[p]!, 6);
    expect(e.steps.every((s) => s.level.length > 0)).toBe(true);
  });

  it('learns m from labels instead of EM, and links accurately', () => {
    const result = link(SETTINGS, [{ source: 'a', rows }], { trainingLabels: () => truth });
    expect(result.model.training).toMatchObject({ mFrom: 'labels', emSessions: [] });
    expect(result.model.training.labelledPairs).toBeGreaterThan(100);
    const dob = result.model.comparisons.find((c) => c.column === 'dob')!;
    // 5% of dates are blank, the rest copied exactly: nearly every labelled match agrees on it.
    expect(dob.levels[1]!.m).toBeGreaterThan(0.95);
    const evaluation = evaluate(truth, result.scored, result.clusters, SETTINGS.threshold);
    expect(evaluation.pairs.f1).toBeGreaterThan(0.9);
  });

  it('samples labelled pairs evenly when labels imply more than asked for', () => {
    const records = prepareRecords(SETTINGS, [{ source: 'a', rows }]);
    const all = labelledMatchingPairs(truth, records, 'dedupe_only', 1e9, 1);
    const some = labelledMatchingPairs(truth, records, 'dedupe_only', Math.floor(all.total / 2), 1);
    expect(some.total).toBe(all.total);
    expect(some.left.length).toBeGreaterThan(all.total * 0.35);
    expect(some.left.length).toBeLessThan(all.total * 0.65);
  });

  it('refuses labels that name no matching pair', () => {
    expect(() => link(SETTINGS, [{ source: 'a', rows }], { trainingLabels: (r) => r.ids.map((id) => id) })).toThrow(
      /name no two records as the same/,
    );
  });

  it('proposes settings from the columns alone', () => {
    const { settings, profiles } = proposeSettings(rows, { linkType: 'dedupe_only' });
    expect(settings.uniqueIdColumn).toBe('id');
    expect(Object.fromEntries(profiles.map((p) => [p.column, p.kind]))).toMatchObject({
      id: 'id',
      first_name: 'forename',
      surname: 'surname',
      dob: 'date',
      postcode: 'postcode',
    });
    const result = link(settings, [{ source: 'a', rows }]);
    expect(evaluate(truth, result.scored, result.clusters, settings.threshold).pairs.f1).toBeGreaterThan(0.85);
  });
});

describe('first and last names swapped', () => {
  it('puts a swapped pair in its own level, proposed with the first-name comparison', () => {
    const rows = [
      { id: 'a', first_name: 'John', surname: 'Smith', dob: '1970-01-02' },
      { id: 'b', first_name: 'SMITH', surname: 'JOHN', dob: '1970-01-02' },
      { id: 'c', first_name: 'Smith', surname: 'Smith', dob: '1970-01-02' },
    ];
    const { settings } = proposeSettings(rows, { linkType: 'dedupe_only', idColumn: 'id' });
    const forename = settings.comparisons.find((c) => c.column === 'first_name')!;
    const swapped = forename.levels.findIndex((l) => l.test === 'swapped');
    expect(forename.levels[swapped]).toMatchObject({ otherColumn: 'surname' });
    const records = prepareRecords(settings, [{ source: 's', rows }]);
    const [compiled] = compileComparisons({ ...settings, comparisons: [forename] }, records);
    expect(compiled!.levelOf(0, 1)).toBe(swapped);
    expect(compiled!.levelOf(1, 0)).toBe(swapped);
    // Same surname both ways round is not a swap.
    expect(compiled!.levelOf(1, 2)).not.toBe(swapped);
  });

  it('blocks names entered the wrong way round together (withColumn, either order)', () => {
    const rows = [
      { id: 'a', first_name: 'John', surname: 'Smith' },
      { id: 'b', first_name: 'SMITH', surname: 'JOHN' },
      { id: 'c', first_name: 'John', surname: 'Smyth' },
    ];
    const settings: LinkageSettings = { ...SETTINGS, blockingRules: [{ keys: [{ column: 'first_name', withColumn: 'surname' }] }] };
    const blocked = blockPairs(prepareRecords(settings, [{ source: 's', rows }]), settings);
    expect(blocked.count).toBe(1);
    expect([blocked.left[0], blocked.right[0]].sort()).toEqual([0, 1]);
    expect(blocked.perRule[0]!.rule).toBe('{first_name, surname}');
  });

  it('refuses a swapped level without its other column', () => {
    const spec = presetComparison('first_name', 'forename');
    spec.levels.splice(1, 0, { label: 'swapped', test: 'swapped' });
    const settings = { ...SETTINGS, comparisons: [spec] };
    const records = prepareRecords(settings, [{ source: 's', rows: [{ id: '1', first_name: 'a' }] }]);
    expect(() => compileComparisons(settings, records)).toThrow(/needs otherColumn/);
  });
});

describe('real-time matching against an index', () => {
  const { rows, truth } = people(600);
  const trained = link(SETTINGS, [{ source: 'a', rows }]).model;
  const index = createMatchIndex(trained, [{ source: 'a', rows }]);

  it('finds the same person from a new, differently written record, with an explanation', () => {
    const target = rows[10]!;
    const query = {
      first_name: target.first_name!.toUpperCase(),
      surname: `${target.surname} `,
      dob: target.dob!,
      postcode: target.postcode!.replace(' ', ''),
    };
    const [best] = index.match(query, { limit: 3 });
    expect(best).toBeDefined();
    expect(truth[rows.findIndex((r) => r.id === best!.id)]).toBe(truth[10]);
    expect(best!.matchProbability).toBeGreaterThan(0.9);
    expect(best!.explanation.steps.map((s) => s.comparison)).toEqual(['first name', 'surname', 'dob', 'postcode']);
  });

  it('finds nobody for a stranger, and copes with an empty record', () => {
    expect(
      index.match({ first_name: 'Zebedee', surname: 'Quarterfold', dob: '1901-01-01', postcode: 'ZZ9 9ZZ' }, { minProbability: 0.5 }),
    ).toEqual([]);
    expect(index.match({})).toEqual([]);
  });

  it('gives the same answers however often it is asked (the query slot is reused)', () => {
    const query = { first_name: rows[5]!.first_name!, surname: rows[5]!.surname!, dob: rows[5]!.dob!, postcode: rows[5]!.postcode! };
    const first = index.match(query).map((c) => [c.id, c.matchWeight]);
    index.match({ first_name: 'someone', surname: 'else', dob: '1950-01-01', postcode: 'WX1 1AB' });
    expect(index.match(query).map((c) => [c.id, c.matchWeight])).toEqual(first);
  });

  it('indexes a record added in place: later queries find it, earlier answers are unchanged', () => {
    const local = createMatchIndex(trained, [{ source: 'a', rows }]);
    const stranger = { id: 'new-1', first_name: 'Zebedee', surname: 'Quarterfold', dob: '1901-01-01', postcode: 'ZZ9 9ZZ' };
    const known = { first_name: rows[7]!.first_name!, surname: rows[7]!.surname!, dob: rows[7]!.dob!, postcode: rows[7]!.postcode! };
    const before = local.match(known).map((c) => [c.id, c.matchWeight]);
    expect(local.match(stranger, { minProbability: 0.5 })).toEqual([]);
    for (let k = 0; k < 40; k++) local.add({ ...stranger, id: `new-${k}`, first_name: k === 0 ? stranger.first_name : `Other${k}` }, 'b');
    expect(local.size).toBe(rows.length + 40);
    const [found] = local.match({ ...stranger, id: 'q' }, { minProbability: 0.5 });
    expect(found).toMatchObject({ id: 'new-0', source: 'b' });
    expect(local.match(known).map((c) => [c.id, c.matchWeight])).toEqual(before);
  });
});

describe('clustering and evaluation', () => {
  const scored = (pairs: [number, number, number][]): ScoredPairs => ({
    left: Int32Array.from(pairs.map((p) => p[0])),
    right: Int32Array.from(pairs.map((p) => p[1])),
    probability: Float64Array.from(pairs.map((p) => p[2])),
    weight: Float64Array.from(pairs.map((p) => Math.log2(p[2] / (1 - p[2])))),
    count: pairs.length,
  });

  it('joins chains into one cluster named after its first record, and leaves weak links apart', () => {
    const clusters = clusterAtThreshold(
      5,
      scored([
        [2, 1, 0.99],
        [1, 0, 0.95],
        [3, 4, 0.5],
      ]),
      0.9,
    );
    expect(Array.from(clusters.clusterOf)).toEqual([0, 0, 0, 3, 4]);
    expect(clusters.count).toBe(3);
  });

  it('single best links: a chain through a weak link does not put two records of one source together', () => {
    // Records 0 and 2 are in source 0, record 1 in source 1: 0–1 is strong, 1–2 weaker.
    const chain = scored([
      [1, 2, 0.95],
      [0, 1, 0.99],
    ]);
    const sourceOf = [0, 1, 0];
    expect(Array.from(clusterAtThreshold(3, chain, 0.9).clusterOf)).toEqual([0, 0, 0]);
    const strict = clusterSingleBestLinks(sourceOf, chain, 0.9, [true, true]);
    expect(Array.from(strict.clusterOf)).toEqual([0, 0, 2]);
    expect(strict.count).toBe(2);
    // With no duplicate-free source it is connected components again.
    expect(Array.from(clusterSingleBestLinks(sourceOf, chain, 0.9, [false, false]).clusterOf)).toEqual([0, 0, 0]);
  });

  it('single best links through link(): refuses an unknown duplicate-free source', () => {
    const { rows } = people(50);
    const settings: LinkageSettings = { ...SETTINGS, clustering: 'single-best-links', duplicateFreeSources: ['nowhere'] };
    expect(() => link(settings, [{ source: 'a', rows }])).toThrow(/duplicateFreeSources names nowhere, which no input holds/);
    const result = link({ ...settings, duplicateFreeSources: ['a'] }, [{ source: 'a', rows }]);
    // One source that holds each person once: every cluster is a single record.
    expect(result.clusters.count).toBe(rows.length);
  });

  it('counts true pairs blocking missed as false negatives', () => {
    const truth = ['a', 'a', 'a', 'b'];
    const pairs = scored([
      [0, 1, 0.99],
      [2, 3, 0.95],
    ]);
    const evaluation = evaluate(truth, pairs, clusterAtThreshold(4, pairs, 0.9), 0.9);
    expect(evaluation.truePairs).toBe(3);
    expect(evaluation.pairs).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 2 });
    expect(evaluation.pairs.precision).toBeCloseTo(0.5);
    expect(evaluation.pairs.recall).toBeCloseTo(1 / 3);
  });
});

describe('expectation–maximisation', () => {
  it('recovers known m values and λ from simulated comparison vectors', () => {
    const random = seededRandom(3);
    const count = 20000;
    const trueM = [0.9, 0.08, 0.02];
    const trueU = [0.01, 0.09, 0.9];
    const levels = [new Uint8Array(count), new Uint8Array(count), new Uint8Array(count)];
    const draw = (probabilities: number[]) => {
      const r = random();
      return r < probabilities[0]! ? 0 : r < probabilities[0]! + probabilities[1]! ? 1 : 2;
    };
    for (let p = 0; p < count; p++) {
      const isMatch = random() < 0.3;
      for (const column of levels) column[p] = draw(isMatch ? trueM : trueU);
    }
    const result = expectationMaximisation({
      vectors: { levels, count },
      pairs: Uint32Array.from({ length: count }, (_, p) => p),
      free: [true, true, true],
      used: [true, true, true],
      m: [
        [0.6, 0.3, 0.1],
        [0.6, 0.3, 0.1],
        [0.6, 0.3, 0.1],
      ],
      u: [trueU, trueU, trueU],
      nullLevels: [-1, -1, -1],
      lambda: 0.5,
      maxIterations: 200,
      tolerance: 1e-7,
    });
    expect(result.lambda).toBeCloseTo(0.3, 1);
    for (const m of result.m) expect(m[0]!).toBeCloseTo(0.9, 1);
  });
});

describe('a comparison over several columns', () => {
  const residence = {
    name: 'residence',
    column: 'address',
    kind: 'address' as const,
    levels: [
      { label: 'missing', test: 'null' as const },
      { label: 'same UPRN', test: 'exact' as const, column: 'uprn', kind: 'identifier' as const },
      { label: 'same address', test: 'exact' as const },
      { label: 'same postcode', test: 'exact' as const, column: 'postcode', kind: 'postcode' as const, termFrequency: true },
      { label: 'all other', test: 'else' as const },
    ],
  };
  const settings: LinkageSettings = { ...SETTINGS, comparisons: [residence] };
  const rows = [
    { id: '1', uprn: '100', address: '1 High St', postcode: 'WX1 1AA' },
    { id: '2', uprn: '100', address: 'Flat 1, 1 High Street', postcode: 'wx11aa' },
    { id: '3', uprn: '', address: '1 high st', postcode: '' },
    { id: '4', uprn: '', address: '', postcode: 'WX1 1AA' },
    { id: '5', uprn: '', address: '', postcode: '' },
    { id: '6', uprn: '200', address: '9 Low Rd', postcode: 'WX9 9ZZ' },
  ];
  const records = prepareRecords(settings, [{ source: 's', rows }]);
  const [comparison] = compileComparisons(settings, records);
  const label = (i: number, j: number) => residence.levels[comparison!.levelOf(i, j)]!.label;

  it('takes the first level that holds, each on its own column, normalised as the level says', () => {
    expect(label(0, 1)).toBe('same UPRN');
    expect(label(0, 2)).toBe('same address'); // no UPRN on one side: the address decides
    expect(label(1, 3)).toBe('same postcode'); // 'wx11aa' normalised as a postcode
    expect(label(0, 5)).toBe('all other');
  });

  it('is missing only when no column can be compared', () => {
    expect(label(0, 4)).toBe('missing');
    expect(label(2, 3)).toBe('missing'); // an address on one side, a postcode on the other
  });

  it("explains a pair with the column that decided it, and weighs a term-frequency level by that column's values", () => {
    const model = link({ ...settings, blockingRules: [{ keys: [{ column: 'postcode' }] }] }, [{ source: 's', rows }]).model;
    const explanation = explainPair(model, [comparison!], records, new Map([['postcode', new Map([['WX1 1AA', 0.5]])]]), 1, 3);
    expect(explanation.steps[0]).toMatchObject({ column: 'postcode', left: 'WX1 1AA', right: 'WX1 1AA', level: 'same postcode' });
    const m = model.comparisons[0]!.levels[3]!.m!;
    expect(explanation.steps[0]!.weight).toBeCloseTo(Math.log2(m / 0.5), 6);
  });
});

describe("term frequencies' minimum u", () => {
  it('keeps a rare value from counting for more than the minimum allows', () => {
    const { rows } = people(300);
    const capped = (minimum?: number): LinkageSettings => ({
      ...SETTINGS,
      comparisons: SETTINGS.comparisons.map((c) =>
        c.column === 'surname' ? { ...c, levels: c.levels.map((l) => (l.termFrequency ? { ...l, tfMinimumU: minimum } : l)) } : c,
      ),
    });
    const free = link(capped(), [{ source: 'a', rows }]);
    const floor = link(capped(0.2), [{ source: 'a', rows }], { model: { ...free.model, settings: capped(0.2) } });
    const exactLevel = SETTINGS.comparisons[1]!.levels.findIndex((l) => l.termFrequency);
    const m = free.model.comparisons[1]!.levels[exactLevel]!.m!;
    let checked = 0;
    for (let p = 0; p < Math.min(floor.scored.count, 2000); p++) {
      const step = (r: typeof free) =>
        explainPair(r.model, r.comparisons, r.records, r.termFrequencies, floor.scored.left[p]!, floor.scored.right[p]!).steps[1]!;
      const [a, b] = [step(free), step(floor)];
      if (a.level !== 'exact') continue;
      checked++;
      expect(b.weight).toBeCloseTo(Math.min(a.weight, Math.log2(m / 0.2)), 6);
    }
    expect(checked).toBeGreaterThan(10);
  });
});
