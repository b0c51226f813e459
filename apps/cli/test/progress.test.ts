/** The linkage progress display: a bar redrawn in place in a terminal, plain lines in a log. */
import { describe, expect, it } from 'vitest';
import { linkProgress } from '../src/link/progress.ts';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream, writes };
}

describe('link progress', () => {
  it('in a log: one line per finished stage with its time, no control characters', () => {
    const { stream, writes } = fakeStream(false);
    let t = 0;
    const progress = linkProgress(stream, () => t);
    progress.onStageStart('block');
    progress.onProgress('block', 5, 10);
    t = 2500;
    progress.onStage('block', '120 pairs');
    expect(writes).toEqual(['block: 120 pairs (2.5 s)\n']);
  });

  it('in a terminal: a bar across the six stages, redrawn in place, then the stage line', () => {
    const { stream, writes } = fakeStream(true);
    let t = 0;
    const progress = linkProgress(stream, () => t);
    progress.onStageStart('compare');
    t = 1000;
    progress.onProgress('compare', 1, 2);
    progress.onProgress('compare', 3, 4); // within 100 ms: not redrawn
    t = 2000;
    progress.onStage('compare', '10 comparison vectors');
    expect(writes).toHaveLength(3);
    expect(writes[0]).toBe(`\r\u001b[2K[${'█'.repeat(8)}${'░'.repeat(16)}] 3/6 compare  0.0 s`);
    expect(writes[1]).toMatch(/\[█{10}░{14}\] 3\/6 compare 50% {2}1\.0 s$/);
    expect(writes[2]).toBe('\r\u001b[2Kcompare: 10 comparison vectors (2.0 s)\n');
  });
});
