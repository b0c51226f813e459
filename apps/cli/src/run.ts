/**
 * Runs a CLI action and turns failures into one clear message and a non-zero exit:
 * a JoineryError prints its message and each detail (file, row, column); anything
 * else prints its message, and the stack only with JOINERY_DEBUG=1.
 */
import { JoineryError } from '@joinery/core';

export function printError(error: unknown): void {
  if (error instanceof JoineryError) {
    process.stderr.write(`joinery: ${error.message}\n`);
    for (const d of error.details) {
      const where = [d.file, d.row !== undefined ? `row ${d.row}` : undefined, d.column ? `column ${d.column}` : undefined]
        .filter(Boolean)
        .join(', ');
      process.stderr.write(`  - ${where ? `${where}: ` : ''}${d.message}\n`);
    }
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`joinery: unexpected error: ${message}\n`);
  if (process.env.JOINERY_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('  (set JOINERY_DEBUG=1 to see the details)\n');
}

export function action<Args extends unknown[]>(fn: (...args: Args) => Promise<void>): (...args: Args) => Promise<void> {
  return async (...args: Args) => {
    try {
      await fn(...args);
    } catch (error) {
      printError(error);
      process.exitCode = 1;
    }
  };
}
