/** core's CSV reader on the files councils really send. */
import { describe, expect, it } from 'vitest';
import { readCsv } from '../src/files/read-csv.ts';

const bytes = (s: string, encoding: BufferEncoding = 'utf8') => Buffer.from(s, encoding);

describe('readCsv', () => {
  it('reads a byte-order mark, CRLF, spaces around headers and values, and quoted commas', () => {
    const table = readCsv(bytes('\ufeff id , address \r\n 1 , "14 High St, Casterbridge" \r\n'), 'a.csv');
    expect(table).toMatchObject({
      encoding: 'utf-8',
      columns: ['id', 'address'],
      rows: [{ id: '1', address: '14 High St, Casterbridge' }],
    });
  });

  it('falls back to Windows-1252 and reads UTF-16 with its mark', () => {
    expect(readCsv(bytes('name\nZoë\n', 'latin1'), 'b.csv')).toMatchObject({ encoding: 'windows-1252', rows: [{ name: 'Zoë' }] });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name\r\nZoë\r\n', 'utf16le')]);
    expect(readCsv(utf16, 'c.csv')).toMatchObject({ encoding: 'utf-16le', rows: [{ name: 'Zoë' }] });
  });

  it('refuses a ragged row, an empty file and a repeated column, naming file and row', () => {
    expect(() => readCsv(bytes('a,b\n1,2\n3\n'), 'ragged.csv')).toThrow(/ragged\.csv cannot be read as CSV/);
    try {
      readCsv(bytes('a,b\n1,2\n3\n'), 'ragged.csv');
    } catch (error) {
      expect((error as { code: string; details: { row?: number }[] }).code).toBe('CORE_FILE_UNREADABLE');
      expect((error as { details: { row?: number }[] }).details[0]!.row).toBe(3);
    }
    expect(() => readCsv(bytes(''), 'empty.csv')).toThrow(/empty\.csv is empty/);
    expect(() => readCsv(bytes('a,a\n1,2\n'), 'twice.csv')).toThrow(/the column "a" more than once/);
  });
});
