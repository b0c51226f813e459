import { describe, expect, it } from 'vitest';
import { diffMatrices, matrixGaps, matrixProblems } from '../../src/governance/matrix.ts';
import type { DecisionMatrix } from '../../src/governance/model.ts';

const v1: DecisionMatrix = {
  bodies: [
    { key: 'shadow-executive', name: 'Shadow executive' },
    { key: 'cio', name: 'CIO' },
  ],
  cells: [
    { domain: 'it-principles', body: 'shadow-executive', code: 'A', note: 'Sets the why' },
    { domain: 'it-principles', body: 'cio', code: 'R' },
    { domain: 'architecture', body: 'cio', code: 'A' },
  ],
};

describe('decision-rights matrix rules', () => {
  it('accepts a good matrix and finds the domains nobody decides', () => {
    expect(matrixProblems(v1)).toEqual([]);
    expect(matrixGaps(v1)).toEqual(['infrastructure', 'applications', 'investment']);
  });

  it('reports every problem at once: unknown body, repeated cell, two accountable bodies, repeated key', () => {
    const bad: DecisionMatrix = {
      bodies: [...v1.bodies, { key: 'cio', name: 'Again' }],
      cells: [
        ...v1.cells,
        { domain: 'architecture', body: 'shadow-executive', code: 'A' },
        { domain: 'architecture', body: 'cio', code: 'C' },
        { domain: 'applications', body: 'board', code: 'I' },
      ],
    };
    const problems = matrixProblems(bad);
    expect(problems.map((p) => p.field)).toEqual(['bodies.2.key', 'cells.4', 'cells.5.body', 'domain.architecture']);
    expect(problems.at(-1)?.message).toContain('Architecture has 2 accountable bodies (cio, shadow-executive)');
  });

  it('diffs two versions: columns added, removed, renamed, and cells changed in matrix order', () => {
    const v2: DecisionMatrix = {
      bodies: [
        { key: 'cio', name: 'Chief Digital Officer' },
        { key: 'design-authority', name: 'Design authority' },
      ],
      cells: [
        { domain: 'it-principles', body: 'cio', code: 'A' },
        { domain: 'architecture', body: 'cio', code: 'A', note: 'On the design authority’s advice' },
        { domain: 'architecture', body: 'design-authority', code: 'R' },
      ],
    };
    const diff = diffMatrices(v1, v2, 1, 2);
    expect(diff.bodiesAdded).toEqual([{ key: 'design-authority', name: 'Design authority' }]);
    expect(diff.bodiesRemoved).toEqual([{ key: 'shadow-executive', name: 'Shadow executive' }]);
    expect(diff.bodiesRenamed).toEqual([{ key: 'cio', from: 'CIO', to: 'Chief Digital Officer' }]);
    expect(diff.cellsChanged).toEqual([
      { domain: 'it-principles', body: 'cio', from: { code: 'R', note: '' }, to: { code: 'A', note: '' } },
      { domain: 'it-principles', body: 'shadow-executive', from: { code: 'A', note: 'Sets the why' }, to: null },
      { domain: 'architecture', body: 'cio', from: { code: 'A', note: '' }, to: { code: 'A', note: 'On the design authority’s advice' } },
      { domain: 'architecture', body: 'design-authority', from: null, to: { code: 'R', note: '' } },
    ]);
    expect(diffMatrices(v1, v1, 1, 1).cellsChanged).toEqual([]);
  });
});
