/**
 * One writer per log: two gateways appending to one directory would fork the chain. The lock is
 * a `LOCK` file holding the writer's process id; a lock left by a process that is gone (a crash,
 * or this same pid in an earlier life, as in a container restarted as pid 1) is taken over.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MessageLogError } from './message-log-error.ts';

const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the log's lock; the function returned releases it. */
export async function acquireLogLock(dir: string): Promise<() => Promise<void>> {
  const key = resolve(dir);
  const path = join(dir, 'LOCK');
  if (heldHere.has(key)) throw new MessageLogError('locked', `The message log in ${dir} is already open in this process: close it first`);
  try {
    await writeFile(path, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (Number.isSafeInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder))
      throw new MessageLogError(
        'locked',
        `The message log in ${dir} is open in process ${holder}: stop that gateway first (or delete ${path} if no such process is a gateway)`,
      );
    await writeFile(path, String(process.pid));
  }
  heldHere.add(key);
  return async () => {
    heldHere.delete(key);
    await rm(path, { force: true });
  };
}
