import { listAuditEvents } from '@joinery/core';
import type { TestDatabase } from '@joinery/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  diffDecisionRights,
  getDecisionRights,
  publishDecisionRights,
  publishedDecisionRights,
  saveDecisionRights,
} from '../../src/governance/service.ts';
import type { DecisionMatrix } from '../../src/governance/model.ts';
import { ACTOR, openReorganisedDatabase } from './fixtures.ts';

const matrix = (code: 'A' | 'R'): DecisionMatrix => ({
  bodies: [
    { key: 'board', name: ' Programme board ' },
    { key: 'cio', name: 'CIO' },
  ],
  cells: [
    { domain: 'applications', body: 'board', code, note: '  ' },
    { domain: 'architecture', body: 'cio', code: 'A', note: 'With the design authority' },
  ],
});

describe('decision-rights versions', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openReorganisedDatabase();
  });
  afterEach(() => database.close());

  it('numbers each save, keeps every version, diffs the latest against the previous, and publishes one', async () => {
    expect(await diffDecisionRights(database, 'wessex-lgr')).toBeNull();
    const v1 = await saveDecisionRights(database, ACTOR, 'wessex-lgr', { matrix: matrix('R'), changeNote: 'First' });
    expect(v1).toMatchObject({ version: 1, savedBy: 'casterbridge.admin', isPublished: false });
    expect(v1.matrix.bodies[0]!.name).toBe('Programme board'); // trimmed
    expect(v1.matrix.cells[0]).toEqual({ domain: 'applications', body: 'board', code: 'R' }); // blank note dropped
    expect(await diffDecisionRights(database, 'wessex-lgr')).toBeNull();

    await saveDecisionRights(database, ACTOR, 'wessex-lgr', { matrix: matrix('A'), changeNote: 'Board decides applications' });
    const diff = await diffDecisionRights(database, 'wessex-lgr');
    expect(diff).toMatchObject({
      from: 1,
      to: 2,
      cellsChanged: [{ domain: 'applications', body: 'board', from: { code: 'R' }, to: { code: 'A' } }],
    });

    await expect(publishedDecisionRights(database, 'wessex-lgr')).rejects.toMatchObject({ code: 'ESTATE_DECISION_RIGHTS_UNPUBLISHED' });
    await publishDecisionRights(database, ACTOR, 'wessex-lgr', 1);
    expect((await publishedDecisionRights(database, 'wessex-lgr')).version).toBe(1);
    await publishDecisionRights(database, ACTOR, 'wessex-lgr', 2);
    const { current, published, versions } = await getDecisionRights(database, 'wessex-lgr');
    expect([current?.version, published?.version]).toEqual([2, 2]);
    expect(versions.map((v) => [v.version, v.isPublished])).toEqual([
      [2, true],
      [1, false],
    ]);
    await expect(publishDecisionRights(database, ACTOR, 'wessex-lgr', 7)).rejects.toMatchObject({
      code: 'ESTATE_DECISION_RIGHTS_VERSION_UNKNOWN',
    });
    const actions = (await listAuditEvents(database.db, {})).map((e) => e.action);
    expect(actions.filter((a) => a === 'estate.decision-rights-save')).toHaveLength(2);
    expect(actions.filter((a) => a === 'estate.decision-rights-publish')).toHaveLength(2);
  });

  it('refuses a bad matrix or an empty change note, saving nothing', async () => {
    const bad = { ...matrix('A'), cells: [...matrix('A').cells, { domain: 'applications' as const, body: 'cio', code: 'A' as const }] };
    await expect(saveDecisionRights(database, ACTOR, 'wessex-lgr', { matrix: bad, changeNote: ' ' })).rejects.toMatchObject({
      code: 'ESTATE_DECISION_RIGHTS_INVALID',
      details: [{ field: 'domain.applications' }, { field: 'changeNote' }],
    });
    expect((await getDecisionRights(database, 'wessex-lgr')).versions).toEqual([]);
    await expect(saveDecisionRights(database, ACTOR, 'nowhere', { matrix: matrix('A'), changeNote: 'x' })).rejects.toMatchObject({
      code: 'ESTATE_REORGANISATION_UNKNOWN',
    });
  });
});
