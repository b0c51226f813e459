/**
 * Reads a segment file line by line, with each line's number and byte offset, and says whether
 * the last line was complete: an entry is durable only with its newline, so a last line without
 * one is what a crash mid-write (or a cut file) leaves.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

export interface FileLine {
  /** 1-based. */
  line: number;
  /** Byte offset of the line's start (in the decompressed content for an archive). */
  offset: number;
  /** Length in bytes, newline included when there is one. */
  length: number;
  text: string;
  isComplete: boolean;
}

const NEWLINE = 0x0a;

/** @example for await (const { line, text } of readLines('segment-000001.jsonl')) … */
export async function* readLines(path: string, options: { gunzip?: boolean } = {}): AsyncGenerator<FileLine> {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = options.gunzip ? file.pipe(createGunzip()) : file;
  // A gunzip stream does not pass on the file's errors: hand them over so the reader sees them.
  if (options.gunzip) file.on('error', (error) => stream.destroy(error));
  let rest: Buffer = Buffer.alloc(0);
  let offset = 0;
  let line = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const buffer = rest.length ? Buffer.concat([rest, chunk]) : chunk;
      let start = 0;
      for (let end = buffer.indexOf(NEWLINE, start); end !== -1; end = buffer.indexOf(NEWLINE, start)) {
        line += 1;
        yield { line, offset, length: end + 1 - start, text: buffer.toString('utf8', start, end), isComplete: true };
        offset += end + 1 - start;
        start = end + 1;
      }
      rest = buffer.subarray(start);
    }
  } finally {
    file.destroy();
  }
  if (rest.length) yield { line: line + 1, offset, length: rest.length, text: rest.toString('utf8'), isComplete: false };
}
