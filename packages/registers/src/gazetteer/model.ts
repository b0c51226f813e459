/** What every gazetteer reader returns: the addresses it read, and every problem it found. */
import type { RegisterAddress } from '../address.ts';

export interface GazetteerProblem {
  /** Line of the file (1 is the first). */
  line: number;
  /** DTF record type, where the format has them. */
  recordType?: string;
  field?: string;
  message: string;
}

export interface ParsedGazetteer {
  addresses: RegisterAddress[];
  /** Streets read (DTF), or 0. */
  streets: number;
  /** Records (lines) read. */
  records: number;
  problems: GazetteerProblem[];
}

export interface ParseOptions {
  fileName: string;
  /** The organisation whose gazetteer it is: recorded on every address. */
  authority: string;
}
