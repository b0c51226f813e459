/** Runs the `joinery` command as a separate process, as a user would, for the CLI tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

/** The documented entry: bin/joinery.js, running the sources through tsx. */
export const JOINERY_BIN = fileURLToPath(new URL('../../bin/joinery.js', import.meta.url));

/**
 * The same program bundled once per test run by global-setup.ts: starts in about a second
 * instead of 5–10 (bundle.ts). bin/joinery.js when the run has no bundle.
 */
export function joineryEntry(): string {
  return inject('joineryBundle') ?? JOINERY_BIN;
}

export interface JoineryResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface JoineryOptions {
  /** Added to (or, as '', blanking) this process's environment. */
  env?: Record<string, string>;
  /** Written to the command's stdin, which is then closed (closed empty without it). */
  input?: string;
  /** The script node runs: joineryEntry() unless given (JOINERY_BIN for the documented entry). */
  entry?: string;
}

/** Starts `joinery args…`; stdout and stderr are piped, stdin is closed after `input`. */
export function spawnJoinery(args: string[], options: JoineryOptions = {}): ChildProcess {
  const child = spawn(process.execPath, [options.entry ?? joineryEntry(), ...args], {
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin!.end(options.input ?? '');
  return child;
}

/** Runs `joinery args…` to its end: its exit code and everything it wrote. */
export function joinery(args: string[], options: JoineryOptions = {}): Promise<JoineryResult> {
  return new Promise((resolve) => {
    const child = spawnJoinery(args, options);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
