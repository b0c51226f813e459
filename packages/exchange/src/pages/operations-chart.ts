/**
 * Requests and errors per service, as each gateway reported them, as a Vega-Lite grouped bar
 * chart (core renders it to SVG; the page puts the same figures in a table beside it).
 */
import { renderChartSvg } from '@joinery/core';
import type { TrafficTotal } from './operations-figures.ts';

type TopLevelSpec = Parameters<typeof renderChartSvg>[0];

/** The most bars a chart shows; the table lists every row. */
export const CHART_ROWS = 20;

/** "wessex/GOV/wessex-council/addresses/address-lookup" → "wessex-council/addresses/address-lookup": the instance and class add nothing here. */
const shortId = (id: string) => id.split('/').slice(2).join('/');

/** "wessex/GOV/wessex-council/addresses/address-lookup/v1" → "wessex-council/address-lookup/v1": the table has the whole id. */
const shortService = (id: string) => {
  const [, , member, , ...rest] = id.split('/');
  return [member, ...rest].join('/');
};

export function serviceTrafficSpec(rows: TrafficTotal[]): TopLevelSpec {
  const values = rows.slice(0, CHART_ROWS).flatMap((r, i) => {
    // Two lines (service, then reporter), split at "|"; the index keeps y unique and is sliced off the label.
    const y = `${String(i + 1).padStart(2, '0')} ${shortService(r.key)}|reported by ${shortId(r.gatewayId)}`;
    return [
      { y, measure: 'Requests', count: r.requests },
      { y, measure: 'Errors', count: r.errors },
    ];
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 480,
    height: { step: 18 },
    data: { values },
    mark: { type: 'bar' },
    // Core's axis settings, with room for this chart's long labels (a spec's config replaces core's per key).
    config: { axis: { labelFontSize: 12, titleFontSize: 16, labelColor: '#0b0c0c', titleColor: '#0b0c0c', labelLimit: 320 } },
    encoding: {
      y: { field: 'y', type: 'nominal', sort: null, title: null, axis: { labelExpr: "split(slice(datum.label, 3), '|')" } },
      yOffset: { field: 'measure', sort: ['Requests', 'Errors'] },
      x: { field: 'count', type: 'quantitative', title: 'Calls in the window', axis: { tickMinStep: 1 } },
      color: {
        field: 'measure',
        type: 'nominal',
        title: null,
        scale: { domain: ['Requests', 'Errors'], range: ['#1d70b8', '#d4351c'] },
        legend: { orient: 'bottom' },
      },
    },
  } as TopLevelSpec;
}

/** The chart as accessible SVG, or null when there is no traffic to draw. */
export async function serviceTrafficChart(rows: TrafficTotal[], windowLabel: string): Promise<string | null> {
  if (rows.length === 0) return null;
  return renderChartSvg(serviceTrafficSpec(rows), {
    title: `Requests and errors per service, ${windowLabel}`,
    description: `A pair of bars for each service and the gateway that reported it: requests in blue, errors in red${rows.length > CHART_ROWS ? `; the ${CHART_ROWS} busiest of ${rows.length}` : ''}. The table beside the chart gives the same figures.`,
  });
}
