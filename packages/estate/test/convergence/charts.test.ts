import { describe, expect, it } from 'vitest';
import { layOutGraph, renderDependencyGraph, renderGantt } from '../../src/convergence/charts.ts';
import type { PlanItem } from '../../src/convergence/model.ts';
import { app } from './fixtures.ts';

const node = (ref: string) => ({ key: `c/${ref}`, ...app('c', ref, { name: `App ${ref}` }) });

describe('convergence charts', () => {
  it('lays a graph with a cycle out in layers, each node right of what feeds it', () => {
    const edges = [
      { source: 'c/A', target: 'c/B' },
      { source: 'c/B', target: 'c/C' },
      { source: 'c/C', target: 'c/A' }, // closes the cycle: ignored for layout
      { source: 'c/C', target: 'c/D' },
    ];
    const laid = layOutGraph(['A', 'B', 'C', 'D'].map(node), edges, { chosen: 'c/B', affected: new Set(['c/C']) });
    const at = Object.fromEntries(laid.map((n) => [n.key, n]));
    expect([at['c/A']!.x, at['c/B']!.x, at['c/C']!.x, at['c/D']!.x]).toEqual([0, 1, 2, 3]);
    expect(at['c/B']!.state).toBe('chosen');
    expect(at['c/C']!.state).toBe('affected');
  });

  it('renders the graph and the Gantt chart as titled SVG images', async () => {
    const laid = layOutGraph([node('A'), node('B')], [{ source: 'c/A', target: 'c/B' }]);
    const graph = await renderDependencyGraph(laid, [{ source: 'c/A', target: 'c/B', reference: 'I1' }], new Set(['I1']), {
      title: 'Dependencies',
      description: 'Two applications',
    });
    expect(graph).toMatch(/^<svg[^>]* role="img"/);
    expect(graph).toContain('<title id="chart-');
    expect(graph).toContain('App A');
    const item = { key: 'k', title: 'Move App A', stage: 'converge', start: '2028-07-01', end: '2029-01-01' } as PlanItem;
    const gantt = await renderGantt([item], '2028-04-01', { title: 'Plan', description: 'One item' });
    expect(gantt).toContain('1. Move App A');
  });

  it('escapes what the councils typed: the SVG is put in the page as it is', async () => {
    const evil = (r: string) => ({ key: `c/${r}`, ...app('c', r, { name: `<script>alert(1)</script>${r}` }) });
    const laid = layOutGraph([evil('A'), evil('B')], [{ source: 'c/A', target: 'c/B' }]);
    const svg = await renderDependencyGraph(laid, [{ source: 'c/A', target: 'c/B', reference: 'I' }], new Set(), {
      title: '<b>',
      description: 'd',
    });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;');
  });
});
