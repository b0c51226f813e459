import type { TestDatabase } from '@joinery/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDuplicates } from '../../src/convergence/service.ts';
import { recordHealthAssessment } from '../../src/suppliers/service.ts';
import { openEstateDatabase } from '../helpers.ts';
import { insertApplications, makeReorganisation } from './fixtures.ts';

const actor = { id: '00000000-0000-4000-8000-000000000001', username: 'tester' };

describe('consolidation scores read supplier health from the supplier register', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openEstateDatabase();
    await makeReorganisation(database);
    await insertApplications(database, 'casterbridge', [
      { reference: 'C-CRM', name: 'CRM', capability: 'CRM', supplierName: 'Mellstock Systems Ltd' },
    ]);
    await insertApplications(database, 'budmouth', [
      { reference: 'B-CRM', name: 'CRM', capability: 'CRM', supplierName: 'BLACKMOOR VALE LIMITED' },
    ]);
  });
  afterAll(() => database.close());

  const healthOf = async (reference: string) => {
    const { groups } = await listDuplicates(database, 'wessex-lgr');
    const candidate = groups[0]!.candidates.find((c) => c.application.reference === reference)!;
    return candidate.breakdown.find((b) => b.criterion === 'supplierHealth')!;
  };

  it('is neutral until assessed, then follows the register (at risk: 0; stable: 1)', async () => {
    expect((await healthOf('B-CRM')).explanation).toBe('supplier health not known: neutral');
    await recordHealthAssessment(database, actor, 'name-blackmoor-vale', {
      assessedOn: '2026-11-01',
      source: 'test',
      statedHealth: 'at risk',
    });
    await recordHealthAssessment(database, actor, 'name-mellstock-systems', {
      assessedOn: '2026-11-01',
      source: 'test',
      statedHealth: 'stable',
    });
    expect(await healthOf('B-CRM')).toMatchObject({ score: 0, explanation: 'supplier health 0 from the supplier register' });
    expect((await healthOf('C-CRM')).score).toBe(1);
  });
});
