/**
 * The contract map's timeline as a Vega-Lite specification: a bar per contract from start to
 * term end, coloured by group (council, capability or supplier), a diamond at each notice
 * deadline, and rules at today and at vesting day. Hundreds of bars are unreadable, so the chart
 * shows one page of rows at a time (grouped, then soonest deadline first) and the page's table
 * lists them all.
 */
import type { renderChartSvg } from '@joinery/core';
import { groupOf } from './grouping.ts';
import type { ContractMapRow, Grouping } from './model.ts';

type TopLevelSpec = Parameters<typeof renderChartSvg>[0];

export const CHART_PAGE_ROWS = 40;
const COLOURS = ['#1d70b8', '#00703c', '#d4351c', '#4c2c92', '#f47738', '#28a197', '#912b88', '#85994b', '#6f72af', '#b58840'];
const OTHER = 'Other groups';
const truncate = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

export interface TimelineRow {
  organisationCode: string;
  reference: string;
  /** Short, for the chart's axis. */
  label: string;
  /** In full, for the table beside the chart. */
  title: string;
  organisationName: string;
  /** The colour's group: the group, or "Other groups" past the tenth colour. */
  group: string;
  /** The group itself, for the table. */
  groupName: string;
  start: string;
  end: string;
  noticeDeadline: string | null;
  needsDecision: boolean;
}

export interface Timeline {
  spec: TopLevelSpec;
  rows: TimelineRow[];
  /** Rows that can be drawn (an end date is known), across every page. */
  drawable: number;
  page: number;
  pages: number;
  /** Rows left off the chart because no end date is known. */
  undated: number;
}

/**
 * One page of the timeline.
 * @example const { spec, rows } = timelineChart(map.rows, { by: 'council', vestingDay: '2028-04-01', today: '2026-12-01', page: 1 });
 */
export function timelineChart(
  all: readonly ContractMapRow[],
  options: { by: Grouping; vestingDay: string; today: string; page?: number; pageRows?: number },
): Timeline {
  const pageRows = options.pageRows ?? CHART_PAGE_ROWS;
  const dated = all.filter((r) => r.termEnd !== null);
  const withGroup = dated.map((r) => ({ r, group: groupOf(r, options.by) }));
  // Groups with most contracts first, then each group's soonest deadlines.
  const sizes = new Map<string, number>();
  for (const { group } of withGroup) sizes.set(group.key, (sizes.get(group.key) ?? 0) + 1);
  withGroup.sort(
    (a, b) =>
      (sizes.get(b.group.key) ?? 0) - (sizes.get(a.group.key) ?? 0) ||
      a.group.label.localeCompare(b.group.label) ||
      (a.r.noticeDeadline ?? a.r.termEnd!).localeCompare(b.r.noticeDeadline ?? b.r.termEnd!),
  );
  const pages = Math.max(1, Math.ceil(withGroup.length / pageRows));
  const page = Math.min(Math.max(1, options.page ?? 1), pages);
  const shown = withGroup.slice((page - 1) * pageRows, page * pageRows);
  const coloured = [...new Set(shown.map((s) => s.group.label))].slice(0, COLOURS.length);
  const rows: TimelineRow[] = shown.map(({ r, group }) => ({
    organisationCode: r.organisationCode,
    reference: r.reference,
    label: truncate(`${r.reference} ${r.title}`, 48) + (options.by === 'council' ? '' : ` (${truncate(r.organisationName, 20)})`),
    title: r.title,
    organisationName: r.organisationName,
    group: coloured.includes(group.label) ? group.label : OTHER,
    groupName: group.label,
    start: r.startDate && r.startDate <= r.termEnd! ? r.startDate : r.termEnd!,
    end: r.termEnd!,
    noticeDeadline: r.noticeDeadline,
    needsDecision: r.needsDecision,
  }));
  // Two rows may share a label (one reference, several suppliers): the y field must be unique.
  const data = rows.map((r, i) => ({ ...r, y: `${String(i + 1).padStart(3, '0')} ${r.label}` }));
  const groups = [...new Set(rows.map((r) => r.group))];
  const y = {
    field: 'y',
    type: 'nominal' as const,
    sort: null,
    title: null,
    axis: { labelExpr: 'slice(datum.label, 4)', labelFontSize: 12, labelLimit: 420 },
  };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 560,
    height: { step: 20 },
    data: { values: data },
    layer: [
      {
        mark: { type: 'bar', height: 12 },
        encoding: {
          y,
          x: { field: 'start', type: 'temporal', title: null, axis: { format: '%Y', orient: 'top', grid: true, tickCount: 'year' } },
          x2: { field: 'end' },
          color: {
            field: 'group',
            type: 'nominal',
            title: { council: 'Council', capability: 'Capability', supplier: 'Supplier' }[options.by],
            scale: { domain: groups, range: COLOURS.slice(0, groups.length).concat(groups.includes(OTHER) ? ['#b1b4b6'] : []) },
            legend: { orient: 'bottom', columns: 2, labelLimit: 320 },
          },
        },
      },
      {
        transform: [{ filter: 'datum.noticeDeadline != null' }],
        mark: { type: 'point', shape: 'diamond', filled: true, color: '#0b0c0c', size: 70 },
        encoding: { y, x: { field: 'noticeDeadline', type: 'temporal' } },
      },
      {
        data: {
          values: [
            { day: options.vestingDay, label: 'Vesting day' },
            { day: options.today, label: 'Today' },
          ],
        },
        layer: [
          {
            mark: { type: 'rule', strokeWidth: 2 },
            encoding: {
              x: { field: 'day', type: 'temporal' },
              strokeDash: {
                field: 'label',
                type: 'nominal',
                scale: {
                  domain: ['Vesting day', 'Today'],
                  range: [
                    [1, 0],
                    [6, 4],
                  ],
                },
                legend: null,
              },
              color: { value: '#0b0c0c' },
            },
          },
          {
            mark: { type: 'text', align: 'left', dx: 4, dy: -6, fontSize: 13, fontWeight: 'bold', color: '#0b0c0c' },
            encoding: { x: { field: 'day', type: 'temporal' }, y: { value: 0 }, text: { field: 'label' } },
          },
        ],
      },
    ],
  } as unknown as TopLevelSpec;
  return { spec, rows, drawable: withGroup.length, page, pages, undated: all.length - dated.length };
}
