import { describe, expect, it } from 'vitest';
import { renderChartSvg } from '../../src/charts/render-chart.ts';

describe('renderChartSvg', () => {
  it('renders the data as an SVG image with a title and description, text escaped', async () => {
    const svg = await renderChartSvg(
      {
        data: {
          values: [
            { council: 'Casterbridge <script>', contracts: 12 },
            { council: 'Budmouth', contracts: 7 },
          ],
        },
        mark: 'bar',
        encoding: { x: { field: 'contracts', type: 'quantitative' }, y: { field: 'council', type: 'nominal' } },
      },
      { title: 'Contracts & councils', description: 'Bar chart; the table below gives the figures.' },
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toMatch(/class="joinery-chart" role="img" aria-labelledby="chart-\w+-title chart-\w+-desc"/);
    expect(svg).toContain('<title id="');
    expect(svg).toContain('Contracts &amp; councils</title>');
    expect(svg).toContain('Casterbridge &lt;script&gt;');
    expect(svg).not.toContain('<script>');
    expect(svg.match(/<path[^>]*aria-roledescription="bar"|class="mark-rect/g)?.length ?? 0).toBeGreaterThan(0);
  });
});
