import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ReplayGuard } from '../../src/signing/replay-guard.ts';

const T = 1_760_000_000;

describe('ReplayGuard', () => {
  test('a nonce is fresh once, then replayed for as long as the window lasts', () => {
    const guard = new ReplayGuard({ windowSeconds: 330, maxEntries: 1000 });
    expect(guard.check('n1', T, T)).toBe('fresh');
    expect(guard.check('n1', T, T + 1)).toBe('replayed');
    expect(guard.check('n1', T, T + 330)).toBe('replayed');
    expect(guard.check('n2', T, T + 1)).toBe('fresh');
    // The same nonce under another created time is still a replay: nonces are unique per signer.
    expect(guard.check('n2', T + 5, T + 6)).toBe('replayed');
    expect(guard.stats).toMatchObject({ fresh: 2, replayed: 3, outsideWindow: 0 });
  });

  test('outside created ± window it answers outside-window: it could not promise to recognise the nonce again', () => {
    const guard = new ReplayGuard({ windowSeconds: 60, maxEntries: 10 });
    expect(guard.check('old', T - 61, T)).toBe('outside-window');
    expect(guard.check('ahead', T + 61, T)).toBe('outside-window');
    expect(guard.check('edge', T - 60, T)).toBe('fresh');
    expect(guard.check('nan', Number.NaN, T)).toBe('outside-window');
    expect(guard.size).toBe(1);
    // once the window has passed, a replay of 'edge' would be refused as outside the window anyway
    expect(guard.check('edge', T - 60, T + 1)).toBe('outside-window');
  });

  test('expired nonces are swept a bucket at a time, so memory follows the traffic of one window', () => {
    const guard = new ReplayGuard({ windowSeconds: 60, maxEntries: 100_000, bucketSeconds: 10 });
    for (let second = 0; second < 600; second++) for (let i = 0; i < 10; i++) guard.check(`n-${second}-${i}`, T + second, T + second);
    // about (60 s of window + one 10 s bucket + the sweep interval) × 10 per second are remembered, not 6000
    expect(guard.size).toBeLessThanOrEqual(10 * (60 + 10 + 10 + 1));
    expect(guard.size).toBeGreaterThanOrEqual(10 * 60);
    expect(guard.stats.bucketsEvictedEarly).toBe(0);
    expect(guard.check('n-599-0', T + 599, T + 600)).toBe('replayed');
  });

  test('bounded memory: when full it evicts the oldest bucket, and counts it', () => {
    const guard = new ReplayGuard({ windowSeconds: 300, maxEntries: 50, bucketSeconds: 10 });
    for (let i = 0; i < 60; i++) expect(guard.check(`n${i}`, T + i, T + 60)).toBe('fresh');
    expect(guard.size).toBeLessThanOrEqual(50);
    expect(guard.stats.bucketsEvictedEarly).toBe(1);
    expect(guard.stats.noncesEvictedEarly).toBe(10);
    // the evicted bucket (created T … T+9) is forgotten: the price of the bound, and why it is counted
    expect(guard.check('n0', T, T + 60)).toBe('fresh');
    expect(guard.check('n59', T + 59, T + 60)).toBe('replayed');
  });

  test('property: never more than maxEntries, and a nonce still remembered is never taken as fresh', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            nonce: fc.integer({ min: 0, max: 40 }),
            age: fc.integer({ min: -20, max: 20 }),
            advance: fc.integer({ min: 0, max: 5 }),
          }),
          { maxLength: 300 },
        ),
        fc.integer({ min: 1, max: 30 }),
        (steps, maxEntries) => {
          const guard = new ReplayGuard({ windowSeconds: 15, maxEntries, bucketSeconds: 3 });
          const accepted = new Map<string, number>();
          let now = T;
          for (const step of steps) {
            now += step.advance;
            const nonce = `n${step.nonce}`;
            const verdict = guard.check(nonce, now - step.age, now);
            expect(guard.size).toBeLessThanOrEqual(maxEntries);
            const previous = accepted.get(nonce);
            // with nothing evicted early, the guard is exact: a nonce accepted within the window is a replay
            if (guard.stats.bucketsEvictedEarly === 0 && previous !== undefined && previous + 15 >= now && verdict !== 'outside-window')
              expect(verdict).toBe('replayed');
            if (verdict === 'fresh') accepted.set(nonce, now - step.age);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
