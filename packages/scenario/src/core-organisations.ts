/**
 * The scenario's organisations and partnerships in the shape core saves them, so the demo,
 * the rooms' tests and the benchmarks load Wessex's organisations one way.
 */
import type { Organisation, Partnership } from '@joinery/core';
import type { WessexScenario } from './model.ts';

/**
 * @example const { organisations, partnerships } = toOrganisations(generateWessex({ seed: 1, scale: 0.1 }));
 * await saveOrganisations(database, organisations, partnerships);
 */
export function toOrganisations(scenario: WessexScenario): { organisations: Organisation[]; partnerships: Partnership[] } {
  const partnerships: Partnership[] = scenario.partnerships.map((p) => ({
    code: p.code,
    name: p.name,
    kind: p.kind,
    members: [...p.members],
  }));
  const organisations: Organisation[] = scenario.organisations.map((o) => ({
    code: o.code,
    name: o.name,
    type: o.type,
    successorCode: o.predecessorOf ?? null,
    identifiers: o.identifiers.map((i) => ({ kind: i.kind, value: i.value })),
    partnerships: partnerships.filter((p) => p.members.includes(o.code)).map((p) => p.code),
  }));
  return { organisations, partnerships };
}
