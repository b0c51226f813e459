/** Shapes the matrix for the pages: one row per domain, one cell per column (blank ones too). */
import { RACI_CODES, DECISION_DOMAINS, type DecisionMatrix, type MatrixDiff } from './model.ts';
import { domainName, matrixGaps } from './matrix.ts';

export function matrixRows(matrix: DecisionMatrix) {
  return DECISION_DOMAINS.map((d) => ({
    key: d.key,
    name: d.name,
    question: d.question,
    cells: matrix.bodies.map((b) => {
      const cell = matrix.cells.find((c) => c.domain === d.key && c.body === b.key);
      return { body: b.key, bodyName: b.name, code: cell?.code ?? '', label: cell ? RACI_CODES[cell.code] : '', note: cell?.note ?? '' };
    }),
  }));
}

export function gapNames(matrix: DecisionMatrix): string[] {
  return matrixGaps(matrix).map(domainName);
}

/** The diff in sentences, for the page. */
export function describeDiff(diff: MatrixDiff, matrixAfter: DecisionMatrix, matrixBefore: DecisionMatrix): string[] {
  const bodyName = (key: string) =>
    matrixAfter.bodies.find((b) => b.key === key)?.name ?? matrixBefore.bodies.find((b) => b.key === key)?.name ?? key;
  const cell = (c: { code: string; note: string } | null) => (c ? `${c.code}${c.note ? ` (${c.note})` : ''}` : 'blank');
  return [
    ...diff.bodiesAdded.map((b) => `Column added: ${b.name}`),
    ...diff.bodiesRemoved.map((b) => `Column removed: ${b.name}`),
    ...diff.bodiesRenamed.map((b) => `Column renamed: ${b.from} → ${b.to}`),
    ...diff.cellsChanged.map((c) => `${domainName(c.domain)} × ${bodyName(c.body)}: ${cell(c.from)} → ${cell(c.to)}`),
  ];
}

export const RACI_LEGEND = Object.entries(RACI_CODES).map(([code, label]) => ({ code, label }));
