import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/index.ts';

describe('opening the database', () => {
  it('refuses a DATABASE_URL that is not postgres://', async () => {
    await expect(openDatabase({ databaseUrl: 'mysql://root@localhost/joinery' })).rejects.toMatchObject({
      code: 'CORE_DATABASE_URL_INVALID',
      message: expect.stringContaining('postgres://'),
    });
    await expect(openDatabase({ databaseUrl: 'not a url' })).rejects.toMatchObject({ code: 'CORE_DATABASE_URL_INVALID' });
  });

  it('explains an unreachable server', async () => {
    await expect(openDatabase({ databaseUrl: 'postgres://joinery:x@127.0.0.1:9/joinery' })).rejects.toMatchObject({
      code: 'CORE_DATABASE_UNREACHABLE',
      message: expect.stringContaining('Cannot connect to PostgreSQL at 127.0.0.1:9/joinery'),
    });
  });

  it('never puts the password in messages', async () => {
    const error = await openDatabase({ databaseUrl: 'postgres://joinery:hunter2secret@127.0.0.1:9/joinery' }).catch((e: Error) => e);
    expect(String((error as Error).message)).not.toContain('hunter2secret');
  });

  it('refuses a corrupt data folder with advice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'joinery-corrupt-'));
    await mkdir(join(dir, 'db'));
    await writeFile(join(dir, 'db', 'PG_VERSION'), 'garbage');
    await expect(openDatabase({ dataDir: dir })).rejects.toMatchObject({
      code: 'CORE_DATA_DIR_CORRUPT',
      message: expect.stringContaining('cannot be opened'),
    });
  });

  it('locks the data folder against a second process', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'joinery-locked-'));
    await writeFile(join(dir, 'joinery.lock'), String(process.ppid));
    await expect(openDatabase({ dataDir: dir })).rejects.toMatchObject({
      code: 'CORE_DATA_DIR_LOCKED',
      message: expect.stringContaining(`in use by process ${process.ppid}`),
    });
  });
});
