/**
 * Charts as accessible SVG, rendered on the server from a Vega-Lite specification (DESIGN.md:
 * pictures where people would rather look than read). The SVG is an image with a title and a
 * description for screen readers; the page puts the same data beside it as a table, so nothing
 * the chart shows is only in the chart.
 */
import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';

export interface ChartText {
  /** Short: what the chart is ("Contract end dates by council"). */
  title: string;
  /** What it shows and where the data table is, for people who cannot see it. */
  description: string;
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

// The GOV.UK Design System's text colour and font stack, so charts sit in the page.
const CONFIG = {
  font: 'arial, sans-serif',
  axis: { labelFontSize: 14, titleFontSize: 16, labelColor: '#0b0c0c', titleColor: '#0b0c0c', labelLimit: 280 },
  legend: { labelFontSize: 14, titleFontSize: 16, labelColor: '#0b0c0c', titleColor: '#0b0c0c', labelLimit: 280 },
  title: { fontSize: 19, color: '#0b0c0c' },
  view: { stroke: null },
};

/**
 * Renders a Vega-Lite specification (with its data inline) to an SVG string.
 * @example
 * const svg = await renderChartSvg(
 *   { data: { values: [{ council: 'Casterbridge', contracts: 12 }] }, mark: 'bar', encoding: { x: { field: 'contracts', type: 'quantitative' }, y: { field: 'council', type: 'nominal' } } },
 *   { title: 'Contracts by council', description: 'Bar chart; the table below gives the figures.' },
 * );
 */
export async function renderChartSvg(spec: TopLevelSpec, text: ChartText): Promise<string> {
  const vegaSpec = compile({ ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec).spec;
  // No loader: every chart's data is inline, so rendering never reads a file or the network.
  const view = new View(parse(vegaSpec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const id = `chart-${Math.random().toString(36).slice(2, 10)}`;
    return svg.replace(
      /^<svg([^>]*)>/,
      (_m, attributes: string) =>
        `<svg${attributes.replace(/\s(role|class|aria-[a-z]+)="[^"]*"/g, '')} class="joinery-chart" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">` +
        `<title id="${id}-title">${escapeXml(text.title)}</title><desc id="${id}-desc">${escapeXml(text.description)}</desc>`,
    );
  } finally {
    view.finalize();
  }
}
