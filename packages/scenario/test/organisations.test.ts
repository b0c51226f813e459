import { checkIdentifier } from '@joinery/core';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS, WESSEX_ORGANISATIONS, WESSEX_PARTNERSHIPS } from '../src/organisations.ts';

describe('organisations', () => {
  it('has every organisation the other rooms name', () => {
    const codes = WESSEX_ORGANISATIONS.map((o) => o.code);
    for (const code of ['wessex-county', 'casterbridge', 'budmouth', 'melchester', 'sandbourne', 'wessex-council']) {
      expect(codes).toContain(code);
    }
    for (const code of ['wessex-hospitals', 'gp-j99001', 'gp-j99002', 'gp-j99003', 'gp-j99004', 'egdon-housing']) {
      expect(codes).toContain(code);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('gives every organisation identifiers that pass the core checks', () => {
    for (const o of WESSEX_ORGANISATIONS) {
      expect(o.identifiers.length).toBeGreaterThan(0);
      for (const id of o.identifiers) expect(checkIdentifier(id.kind, id.value)).toEqual({ ok: true, value: id.value });
    }
  });

  it('makes the five predecessors successors of Wessex Council', () => {
    const predecessors = WESSEX_ORGANISATIONS.filter((o) => o.predecessorOf === 'wessex-council').map((o) => o.code);
    expect(predecessors.sort()).toEqual(['budmouth', 'casterbridge', 'melchester', 'sandbourne', 'wessex-county']);
  });

  it('only names known organisations in partnerships and demo users', () => {
    const codes = new Set(WESSEX_ORGANISATIONS.map((o) => o.code));
    for (const p of WESSEX_PARTNERSHIPS) for (const m of p.members) expect(codes).toContain(m);
    for (const u of DEMO_USERS) expect(codes).toContain(u.organisationCode);
    expect(WESSEX_PARTNERSHIPS.find((p) => p.code === 'wessex-federation')?.members.length).toBe(codes.size);
    expect(new Set(DEMO_USERS.map((u) => u.username)).size).toBe(DEMO_USERS.length);
  });
});
