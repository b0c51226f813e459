import { renderChartSvg } from '@joinery/core';
import { describe, expect, it } from 'vitest';
import { timelineChart } from '../../src/contract-map/chart.ts';
import type { ContractMapRow } from '../../src/contract-map/model.ts';

const row = (i: number, over: Partial<ContractMapRow> = {}) =>
  ({
    organisationCode: i % 2 ? 'casterbridge' : 'budmouth',
    organisationName: i % 2 ? 'Casterbridge' : 'Budmouth',
    reference: `R-${i}`,
    title: `Contract ${i}`,
    supplierName: 'S',
    supplierCompanyNumber: null,
    capability: 'Software',
    startDate: '2024-01-01',
    termEnd: '2029-01-01',
    noticeDeadline: '2028-07-01',
    needsDecision: false,
    ...over,
  }) as ContractMapRow;

describe('the contract timeline', () => {
  it('pages hundreds of contracts, largest group first, leaving undated ones to the table', async () => {
    const rows = [...Array.from({ length: 95 }, (_, i) => row(i)), row(999, { termEnd: null, noticeDeadline: null })];
    const page = timelineChart(rows, { by: 'council', vestingDay: '2028-04-01', today: '2026-12-01', page: 3 });
    expect(page).toMatchObject({ drawable: 95, pages: 3, page: 3, undated: 1 });
    expect(page.rows).toHaveLength(15);
    const first = timelineChart(rows, { by: 'council', vestingDay: '2028-04-01', today: '2026-12-01' });
    expect(first.rows[0]!.group).toBe('Budmouth'); // 48 of 95 (the even ones)
    const svg = await renderChartSvg(first.spec, { title: 'Timeline', description: 'Bars' });
    expect(svg).toContain('Vesting day');
    expect(svg).toContain('>R-0 Contract 0<');
    expect(svg).not.toContain('>001 R-0');
  });
});
