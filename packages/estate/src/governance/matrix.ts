/**
 * Pure rules of the decision-rights matrix: checking one (every problem at once), finding its
 * gaps (a domain nobody decides) and the difference between two versions.
 */
import type { ProblemDetail } from '@joinery/core';
import { DECISION_DOMAINS, DOMAIN_KEYS, RACI_CODES, type DecisionMatrix, type MatrixDiff } from './model.ts';

/**
 * Every problem with a matrix: unknown or repeated bodies, cells naming a body or domain that
 * is not there, a cell given twice, and more than one accountable body for a domain (RACI: one
 * body decides). An empty list means the matrix can be saved.
 * @example matrixProblems({ bodies: [{ key: 'board', name: 'Board' }], cells: [{ domain: 'architecture', body: 'cio', code: 'A' }] })
 * // [{ field: 'cells.0.body', message: 'Cell 1 names the body "cio", which is not a column' }]
 */
export function matrixProblems(matrix: DecisionMatrix): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const keys = new Set<string>();
  matrix.bodies.forEach((b, i) => {
    if (!/^[a-z0-9][a-z0-9-]{0,47}$/.test(b.key))
      problems.push({
        field: `bodies.${i}.key`,
        message: `Column ${i + 1}'s key "${b.key.slice(0, 50)}" must be lower-case letters, digits and hyphens`,
      });
    if (keys.has(b.key)) problems.push({ field: `bodies.${i}.key`, message: `Column ${i + 1} repeats the key "${b.key.slice(0, 50)}"` });
    if (b.name.trim() === '') problems.push({ field: `bodies.${i}.name`, message: `Column ${i + 1} needs a name` });
    keys.add(b.key);
  });
  const seen = new Set<string>();
  const accountable = new Map<string, string[]>();
  matrix.cells.forEach((c, i) => {
    if (!DOMAIN_KEYS.includes(c.domain))
      problems.push({
        field: `cells.${i}.domain`,
        message: `Cell ${i + 1} names the domain "${String(c.domain).slice(0, 50)}", which is not one of the five`,
      });
    if (!keys.has(c.body))
      problems.push({ field: `cells.${i}.body`, message: `Cell ${i + 1} names the body "${c.body.slice(0, 50)}", which is not a column` });
    if (!(c.code in RACI_CODES)) problems.push({ field: `cells.${i}.code`, message: `Cell ${i + 1}'s code must be A, R, C or I` });
    const id = `${c.domain}|${c.body}`;
    if (seen.has(id)) problems.push({ field: `cells.${i}`, message: `Cell ${i + 1} repeats ${domainName(c.domain)} × ${c.body}` });
    seen.add(id);
    if (c.code === 'A') accountable.set(c.domain, [...(accountable.get(c.domain) ?? []), c.body]);
  });
  for (const [domain, bodies] of accountable)
    if (bodies.length > 1)
      problems.push({
        field: `domain.${domain}`,
        message: `${domainName(domain)} has ${bodies.length} accountable bodies (${bodies.join(', ')}): exactly one body decides each domain`,
      });
  return problems;
}

/** Domains no body is accountable for: decisions there will be made ad hoc (report §4.1). */
export function matrixGaps(matrix: DecisionMatrix): string[] {
  return DECISION_DOMAINS.filter((d) => !matrix.cells.some((c) => c.domain === d.key && c.code === 'A')).map((d) => d.key);
}

export function domainName(key: string): string {
  return DECISION_DOMAINS.find((d) => d.key === key)?.name ?? key;
}

/**
 * What changed from one version to the next: columns added, removed, renamed; cells whose code
 * or note changed (null on one side: blank there). Cells of a removed column count as changed.
 * @example diffMatrices(v1, v2, 1, 2).cellsChanged
 */
export function diffMatrices(before: DecisionMatrix, after: DecisionMatrix, from: number, to: number): MatrixDiff {
  const beforeBodies = new Map(before.bodies.map((b) => [b.key, b]));
  const afterBodies = new Map(after.bodies.map((b) => [b.key, b]));
  const cellMap = (m: DecisionMatrix) => new Map(m.cells.map((c) => [`${c.domain}|${c.body}`, { code: c.code, note: c.note ?? '' }]));
  const a = cellMap(before);
  const b = cellMap(after);
  const cellsChanged: MatrixDiff['cellsChanged'] = [];
  // In the matrix's own order: domains, then the columns of both versions.
  const bodyOrder = [...after.bodies.map((x) => x.key), ...before.bodies.map((x) => x.key).filter((k) => !afterBodies.has(k))];
  for (const domain of DOMAIN_KEYS)
    for (const body of bodyOrder) {
      const was = a.get(`${domain}|${body}`) ?? null;
      const now = b.get(`${domain}|${body}`) ?? null;
      if (was?.code !== now?.code || was?.note !== now?.note) cellsChanged.push({ domain, body, from: was, to: now });
    }
  return {
    from,
    to,
    bodiesAdded: after.bodies.filter((x) => !beforeBodies.has(x.key)),
    bodiesRemoved: before.bodies.filter((x) => !afterBodies.has(x.key)),
    bodiesRenamed: after.bodies
      .filter((x) => beforeBodies.has(x.key) && beforeBodies.get(x.key)!.name !== x.name)
      .map((x) => ({ key: x.key, from: beforeBodies.get(x.key)!.name, to: x.name })),
    cellsChanged,
  };
}
