/**
 * Convergence's charts, as accessible SVG through core's renderChartSvg (Vega-Lite rendered on
 * the server): the dependency graph, laid out here in layers (data flows left to right; cycles
 * broken where a depth-first walk meets them), and the plan as a Gantt chart. Pages put the
 * same data beside each chart as a table.
 */
import { renderChartSvg } from '@joinery/core';
import type { ConvergenceApplication, ConvergenceIntegration, PlanItem } from './model.ts';

type TopLevelSpec = Parameters<typeof renderChartSvg>[0];

export interface LaidOutNode {
  key: string;
  label: string;
  organisationCode: string;
  x: number;
  y: number;
  state: 'chosen' | 'affected' | 'other';
}

/**
 * Layers: each node sits one layer right of the furthest node that feeds it, ignoring the
 * edges that close a cycle (found by a depth-first walk), so the layout always exists.
 */
export function layOutGraph(
  nodes: readonly (ConvergenceApplication & { key: string })[],
  edges: readonly Pick<ConvergenceIntegration, 'source' | 'target'>[],
  highlight: { chosen?: string; affected?: ReadonlySet<string> } = {},
): LaidOutNode[] {
  const keys = nodes.map((n) => n.key).sort();
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  // Depth-first: an edge to a node still on the path is a back edge (it closes a cycle).
  const state = new Map<string, 1 | 2>();
  const forward: [string, string][] = [];
  for (const root of keys) {
    if (state.has(root)) continue;
    const stack: { key: string; i: number }[] = [{ key: root, i: 0 }];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const next = (out.get(top.key) ?? [])[top.i++];
      if (next === undefined) {
        state.set(top.key, 2);
        stack.pop();
      } else if (!state.has(next)) {
        forward.push([top.key, next]);
        state.set(next, 1);
        stack.push({ key: next, i: 0 });
      } else if (state.get(next) === 2) forward.push([top.key, next]);
    }
  }
  const layer = new Map(keys.map((k) => [k, 0]));
  // Longest path over the acyclic forward edges: relax |V| times at most.
  for (let round = 0, changed = true; changed && round < keys.length; round++) {
    changed = false;
    for (const [s, t] of forward)
      if (layer.get(s)! + 1 > layer.get(t)!) {
        layer.set(t, layer.get(s)! + 1);
        changed = true;
      }
  }
  const byLayer = new Map<number, (ConvergenceApplication & { key: string })[]>();
  for (const n of nodes) byLayer.set(layer.get(n.key)!, [...(byLayer.get(layer.get(n.key)!) ?? []), n]);
  const laid: LaidOutNode[] = [];
  for (const [x, members] of byLayer) {
    members.sort((a, b) => a.organisationCode.localeCompare(b.organisationCode) || a.name.localeCompare(b.name));
    members.forEach((n, y) =>
      laid.push({
        key: n.key,
        label: n.name.length > 24 ? `${n.name.slice(0, 23)}…` : n.name,
        organisationCode: n.organisationCode,
        x,
        y,
        state: n.key === highlight.chosen ? 'chosen' : highlight.affected?.has(n.key) ? 'affected' : 'other',
      }),
    );
  }
  return laid;
}

/** The dependency graph as SVG; broken integrations (when an application is chosen) in red. */
export async function renderDependencyGraph(
  laid: readonly LaidOutNode[],
  edges: readonly Pick<ConvergenceIntegration, 'source' | 'target' | 'reference'>[],
  broken: ReadonlySet<string>,
  text: { title: string; description: string },
): Promise<string> {
  const at = new Map(laid.map((n) => [n.key, n]));
  const edgeData = edges
    .filter((e) => at.has(e.source) && at.has(e.target))
    .map((e) => ({
      x: at.get(e.source)!.x,
      y: at.get(e.source)!.y,
      x2: at.get(e.target)!.x,
      y2: at.get(e.target)!.y,
      broken: broken.has(e.reference) ? 'breaks' : 'carries on',
    }));
  const layers = Math.max(1, ...laid.map((n) => n.x + 1));
  const rows = Math.max(1, ...laid.map((n) => n.y + 1));
  // Each layer gets a column; the last column's labels need its width too.
  const x = { field: 'x', type: 'quantitative', axis: null, scale: { domain: [-0.05, layers - 0.05] } } as const;
  const y = { field: 'y', type: 'quantitative', axis: null, scale: { domain: [rows - 0.5, -0.5] } } as const;
  const spec = {
    // Inside the page's width: core's SVG scales down only where inline styles are allowed.
    width: Math.min(760, Math.max(300, layers * 150)),
    height: Math.max(160, rows * 30),
    layer: [
      {
        data: { values: edgeData },
        mark: { type: 'rule', strokeWidth: 1.5 },
        encoding: {
          x,
          y,
          x2: { field: 'x2' },
          y2: { field: 'y2' },
          color: {
            field: 'broken',
            type: 'nominal',
            title: 'Integration',
            scale: { domain: ['carries on', 'breaks'], range: ['#b1b4b6', '#d4351c'] },
          },
        },
      },
      {
        data: { values: laid },
        mark: { type: 'point', filled: true, size: 120 },
        encoding: {
          x,
          y,
          shape: { field: 'organisationCode', type: 'nominal', title: 'Council' },
          fill: {
            field: 'state',
            type: 'nominal',
            title: 'Application',
            scale: { domain: ['chosen', 'affected', 'other'], range: ['#d4351c', '#f47738', '#1d70b8'] },
          },
        },
      },
      {
        data: { values: laid },
        mark: { type: 'text', align: 'left', dx: 9, fontSize: 12, color: '#0b0c0c' },
        encoding: { x, y, text: { field: 'label' } },
      },
    ],
  };
  return renderChartSvg(spec as unknown as TopLevelSpec, text);
}

const STAGE_COLOURS = { domain: ['stabilise', 'converge', 'optimise'], range: ['#1d70b8', '#00703c', '#4c2c92'] };

/** The plan as a Gantt chart: a bar per item (in plan order), coloured by stage, vesting day marked. */
export async function renderGantt(
  items: readonly PlanItem[],
  vestingDay: string,
  text: { title: string; description: string },
): Promise<string> {
  const rows = items.map((i, n) => ({
    row: `${n + 1}. ${i.title.length > 60 ? `${i.title.slice(0, 59)}…` : i.title}`,
    start: i.start,
    end: i.end,
    stage: i.stage,
  }));
  const spec = {
    width: 520,
    height: Math.max(120, rows.length * 18),
    layer: [
      {
        data: { values: rows },
        mark: { type: 'bar', cornerRadius: 2 },
        encoding: {
          y: { field: 'row', type: 'nominal', sort: rows.map((r) => r.row), title: null, axis: { labelFontSize: 11, labelLimit: 330 } },
          x: { field: 'start', type: 'temporal', title: null, axis: { format: '%b %Y', grid: true, orient: 'top' } },
          x2: { field: 'end' },
          color: { field: 'stage', type: 'nominal', title: 'Stage', scale: STAGE_COLOURS },
        },
      },
      {
        data: { values: [{ day: vestingDay, label: 'Vesting day' }] },
        mark: { type: 'rule', color: '#0b0c0c', strokeWidth: 2, strokeDash: [4, 3] },
        encoding: { x: { field: 'day', type: 'temporal' } },
      },
    ],
  };
  return renderChartSvg(spec as unknown as TopLevelSpec, text);
}
