/**
 * The linkage report: one self-contained HTML page (no scripts, no external files) with
 * the blocking counts, every comparison level's m, u and weight, a histogram of match
 * weights, waterfall explanations of pairs near the threshold, cluster sizes and, with
 * labels, precision, recall and F1 with a precision–recall curve. Charts are inline SVG
 * with their numbers in a table beside them.
 */
import type { Evaluation } from './evaluate.ts';
import { explainPair } from './explain.ts';
import type { LinkResult } from './link.ts';
import { levelWeight } from './model.ts';

const escape = (value: unknown) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fixed = (n: number, digits = 3) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));

function bars(title: string, items: { label: string; value: number }[]): string {
  const max = Math.max(1, ...items.map((i) => i.value));
  const width = 640;
  const barWidth = Math.max(4, Math.floor(width / Math.max(1, items.length)) - 2);
  const svg = items
    .map((item, k) => {
      const h = Math.round((item.value / max) * 160);
      return `<rect x="${k * (barWidth + 2)}" y="${170 - h}" width="${barWidth}" height="${h}" fill="#1d70b8"><title>${escape(item.label)}: ${item.value}</title></rect>`;
    })
    .join('');
  const rows = items.map((i) => `<tr><td>${escape(i.label)}</td><td class="n">${i.value}</td></tr>`).join('');
  const axis =
    items.length > 0
      ? `<text x="0" y="188" font-size="11">${escape(items[0]!.label)}</text><text x="${width}" y="188" font-size="11" text-anchor="end">${escape(items.at(-1)!.label)}</text>`
      : '';
  return `<figure><svg role="img" aria-label="${escape(title)}" viewBox="0 0 ${width} 195" width="${width}" height="195">${svg}${axis}</svg>
<details><summary>${escape(title)} as a table</summary><table><thead><tr><th scope="col">bin</th><th scope="col">count</th></tr></thead><tbody>${rows}</tbody></table></details></figure>`;
}

function histogram(weights: Float64Array): { label: string; value: number }[] {
  const bins = new Map<number, number>();
  for (const w of weights) {
    const bin = Math.max(-30, Math.min(30, Math.floor(w / 2) * 2));
    bins.set(bin, (bins.get(bin) ?? 0) + 1);
  }
  return [...bins.entries()].sort((a, b) => a[0] - b[0]).map(([bin, value]) => ({ label: `${bin} to ${bin + 2}`, value }));
}

function evaluationSection(evaluation: Evaluation): string {
  const row = (name: string, s: Evaluation['pairs']) =>
    `<tr><th scope="row">${name}</th><td class="n">${fixed(s.precision, 4)}</td><td class="n">${fixed(s.recall, 4)}</td><td class="n">${fixed(s.f1, 4)}</td><td class="n">${s.truePositives}</td><td class="n">${s.falsePositives}</td><td class="n">${s.falseNegatives}</td></tr>`;
  const curve = evaluation.curve
    .map(
      (c) =>
        `<tr><td class="n">${c.threshold}</td><td class="n">${fixed(c.precision, 4)}</td><td class="n">${fixed(c.recall, 4)}</td><td class="n">${fixed(c.f1, 4)}</td></tr>`,
    )
    .join('');
  // Zoom to the part of the square the curve uses: good models live in its top-right corner.
  const low = Math.max(0, Math.floor(Math.min(...evaluation.curve.flatMap((c) => [c.recall, c.precision]), 1) * 100) / 100 - 0.01);
  const scale = (v: number) => ((v - low) / (1 - low)) * 300;
  const points = evaluation.curve.map((c) => `${scale(c.recall).toFixed(1)},${(300 - scale(c.precision)).toFixed(1)}`).join(' ');
  return `<h2>Accuracy against the labels</h2>
<p>At threshold ${evaluation.threshold}; ${evaluation.truePairs} true pairs in the labels (recall counts those blocking never compared).</p>
<table><thead><tr><th scope="col"></th><th scope="col">precision</th><th scope="col">recall</th><th scope="col">F1</th><th scope="col">TP</th><th scope="col">FP</th><th scope="col">FN</th></tr></thead>
<tbody>${row('pairs', evaluation.pairs)}${row('clusters', evaluation.clusters)}</tbody></table>
<h3>Precision–recall curve</h3>
<figure><svg role="img" aria-label="Precision against recall" viewBox="-10 -10 320 320" width="320" height="320"><rect x="0" y="0" width="300" height="300" fill="none" stroke="#b1b4b6"/><polyline points="${points}" fill="none" stroke="#1d70b8" stroke-width="2"/>${evaluation.curve.map((c) => `<circle cx="${scale(c.recall).toFixed(1)}" cy="${(300 - scale(c.precision)).toFixed(1)}" r="3" fill="#1d70b8"><title>threshold ${c.threshold}</title></circle>`).join('')}<text x="150" y="315" font-size="10" text-anchor="middle">recall (${low.toFixed(2)} to 1)</text><text x="-5" y="150" font-size="10" transform="rotate(-90 -5 150)" text-anchor="middle">precision (${low.toFixed(2)} to 1)</text></svg></figure>
<table><thead><tr><th scope="col">threshold</th><th scope="col">precision</th><th scope="col">recall</th><th scope="col">F1</th></tr></thead><tbody>${curve}</tbody></table>`;
}

function trainingNote(model: LinkResult['model']): string {
  const t = model.training;
  const m =
    t.mFrom === 'labels'
      ? `m from ${t.labelledPairsUsed} labelled matching pairs${t.labelledPairs !== t.labelledPairsUsed ? ` (sampled from ${t.labelledPairs})` : ''}`
      : `m by expectation–maximisation over the blocked pairs (${t.emSessions.length} session(s))`;
  return `Trained on ${t.records} records: ${m}; u from ${t.uSamplePairs} random pairs; clusters by ${escape(model.settings.clustering ?? 'connected-components')}.`;
}

/** Renders the report for a finished run. */
export function renderReport(result: LinkResult, evaluation?: Evaluation, title = 'Joinery linkage report'): string {
  const { model, records, blocked, scored, clusters } = result;
  const threshold = model.settings.threshold;
  const rules = blocked.perRule
    .map(
      (r) =>
        `<tr><td>${escape(r.rule)}</td><td class="n">${r.comparisons}</td><td class="n">${r.emitted}</td><td class="n">${r.largestBlock}</td></tr>`,
    )
    .join('');
  const parameters = model.comparisons
    .map((c) => {
      const levels = c.levels
        .map(
          (l) =>
            `<tr><td>${escape(l.label)}</td><td class="n">${l.m == null ? '–' : fixed(l.m, 4)}</td><td class="n">${l.u == null ? '–' : l.u.toExponential(2)}</td><td class="n">${fixed(levelWeight(l), 2)}</td></tr>`,
        )
        .join('');
      return `<h3>${escape(c.name)} <small>(${escape(c.column)})</small></h3><table><thead><tr><th scope="col">level</th><th scope="col">m</th><th scope="col">u</th><th scope="col">weight (bits)</th></tr></thead><tbody>${levels}</tbody></table>`;
    })
    .join('');

  // Pairs nearest the threshold are where a reviewer's judgement matters most.
  const near = Array.from({ length: scored.count }, (_, p) => p)
    .sort((a, b) => Math.abs(scored.probability[a]! - threshold) - Math.abs(scored.probability[b]! - threshold))
    .slice(0, 8);
  const waterfalls = near
    .map((p) => {
      const i = scored.left[p]!;
      const j = scored.right[p]!;
      const e = explainPair(model, result.comparisons, records, result.termFrequencies, i, j);
      const steps = e.steps
        .map(
          (s) =>
            `<tr><td>${escape(s.comparison)}</td><td>${escape(s.left ?? '∅')}</td><td>${escape(s.right ?? '∅')}</td><td>${escape(s.level)}</td><td class="n">${fixed(s.weight, 2)}</td></tr>`,
        )
        .join('');
      return `<h3>${escape(records.sources[i])} ${escape(records.ids[i])} ~ ${escape(records.sources[j])} ${escape(records.ids[j])}: probability ${fixed(e.matchProbability, 3)}</h3>
<table><thead><tr><th scope="col">comparison</th><th scope="col">left</th><th scope="col">right</th><th scope="col">level</th><th scope="col">weight</th></tr></thead>
<tbody><tr><td>prior (λ)</td><td></td><td></td><td></td><td class="n">${fixed(e.priorWeight, 2)}</td></tr>${steps}<tr><th scope="row">total</th><td></td><td></td><td></td><td class="n">${fixed(e.matchWeight, 2)}</td></tr></tbody></table>`;
    })
    .join('');

  const sizes = new Map<number, number>();
  for (const c of clusters.clusterOf) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const distribution = new Map<number, number>();
  for (const size of sizes.values()) distribution.set(size, (distribution.get(size) ?? 0) + 1);
  const clusterBars = [...distribution.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([size, value]) => ({ label: `${size} record${size === 1 ? '' : 's'}`, value }));

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,arial,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#0b0c0c;line-height:1.4}
table{border-collapse:collapse;margin:0 0 1.5rem}th,td{border-bottom:1px solid #b1b4b6;padding:.3rem .6rem;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
h1,h2{margin-top:2rem}small{color:#505a5f}figure{margin:0 0 1rem}</style></head>
<body><main>
<h1>${escape(title)}</h1>
<p>${records.count} records from ${records.sourceNames.length} source(s); link type <code>${escape(model.settings.linkType)}</code>; ${scored.count} pairs compared; ${clusters.count} clusters at threshold ${threshold}. λ (probability two random records match) = ${model.lambda.toExponential(3)}.</p>
<h2>Blocking</h2>
<table><thead><tr><th scope="col">rule</th><th scope="col">comparisons</th><th scope="col">new pairs</th><th scope="col">largest block</th></tr></thead><tbody>${rules}</tbody></table>
<h2>Match weights</h2>${bars('Pairs by match weight (bits)', histogram(scored.weight))}
${evaluation ? evaluationSection(evaluation) : ''}
<h2>Comparison levels</h2><p>m: how often matches fall in the level; u: how often non-matches do; weight: log2(m/u), the evidence the level adds. ${trainingNote(model)}</p>${parameters}
<h2>Pairs near the threshold</h2>${waterfalls || '<p>No pairs.</p>'}
<h2>Cluster sizes</h2>${bars('Clusters by size', clusterBars)}
<h2>Time</h2><table><tbody>${Object.entries(result.timings)
    .map(([stage, s]) => `<tr><th scope="row">${stage}</th><td class="n">${fixed(s, 2)} s</td></tr>`)
    .join('')}</tbody></table>
</main></body></html>
`;
}
