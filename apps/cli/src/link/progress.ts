/**
 * Progress of a linkage run on stderr. In a terminal, one bar redrawn in place as stages
 * start and advance; every finished stage also leaves a line saying what it did and how
 * long it took. In a log (not a terminal) only those lines, so logs stay readable.
 */
import type { Stage } from '@joinery/linkage';

const STAGES: Stage[] = ['prepare', 'block', 'compare', 'train', 'predict', 'cluster'];
const WIDTH = 24;

export interface LinkProgress {
  onStageStart(stage: Stage): void;
  onProgress(stage: Stage, done: number, total: number): void;
  onStage(stage: Stage, detail: string): void;
}

export function linkProgress(stream: NodeJS.WriteStream = process.stderr, now = () => performance.now()): LinkProgress {
  const live = stream.isTTY === true;
  let started = now();
  let lastDraw = 0;
  const draw = (stage: Stage, fraction: number) => {
    if (!live) return;
    const t = now();
    // Redrawing costs a system call: a few times a second is enough for the eye.
    if (fraction > 0 && fraction < 1 && t - lastDraw < 100) return;
    lastDraw = t;
    const position = STAGES.indexOf(stage);
    const overall = (position + Math.min(1, Math.max(0, fraction))) / STAGES.length;
    const filled = Math.round(overall * WIDTH);
    const percent = fraction > 0 ? ` ${Math.floor(fraction * 100)}%` : '';
    stream.write(
      `\r\u001b[2K[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${position + 1}/${STAGES.length} ${stage}${percent}  ${((t - started) / 1000).toFixed(1)} s`,
    );
  };
  return {
    onStageStart(stage) {
      started = now();
      draw(stage, 0);
    },
    onProgress(stage, done, total) {
      draw(stage, total > 0 ? done / total : 0);
    },
    onStage(stage, detail) {
      const seconds = ((now() - started) / 1000).toFixed(1);
      stream.write(`${live ? '\r\u001b[2K' : ''}${stage}: ${detail} (${seconds} s)\n`);
    },
  };
}
