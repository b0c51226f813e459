/** Reading a CSV file for `joinery link`: core's messy-file reader, named after the file. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readCsv, type CsvTable } from '@joinery/core';

export interface ReadTable extends CsvTable {
  /** The file name without its extension: the records' source. */
  source: string;
}

export function readTable(file: string): ReadTable {
  return { ...readCsv(readFileSync(file), file), source: basename(file).replace(/\.[^.]+$/, '') };
}
