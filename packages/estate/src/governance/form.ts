/**
 * Reads the matrix editing form: columns body_<i>_name (with body_<i>_key for existing ones and
 * body_<i>_remove to drop one; a new column's key comes from its name), and each cell's
 * cell_<domain>_<i>_code and cell_<domain>_<i>_note.
 */
import { DOMAIN_KEYS, type DecisionMatrix, type RaciCode } from './model.ts';

export const NEW_COLUMNS = 2;

export function keyFromName(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'body'
  );
}

export function readMatrixForm(form: Record<string, unknown>): { matrix: DecisionMatrix; changeNote: string } {
  const text = (name: string) => {
    const v = form[name];
    return typeof v === 'string' ? v.trim() : '';
  };
  const indexes = [
    ...new Set(
      Object.keys(form)
        .map((k) => /^body_(\d+)_name$/.exec(k)?.[1])
        .filter((x): x is string => x !== undefined)
        .map(Number),
    ),
  ].sort((a, b) => a - b);
  const bodies: DecisionMatrix['bodies'] = [];
  const cells: DecisionMatrix['cells'] = [];
  const used = new Set<string>();
  for (const i of indexes) {
    const name = text(`body_${i}_name`);
    if (name === '' || text(`body_${i}_remove`) === 'true') continue;
    let key = text(`body_${i}_key`) || keyFromName(name);
    if (!text(`body_${i}_key`)) for (let n = 2; used.has(key); n++) key = `${keyFromName(name).slice(0, 44)}-${n}`;
    used.add(key);
    bodies.push({ key, name });
    for (const domain of DOMAIN_KEYS) {
      const code = text(`cell_${domain}_${i}_code`).toUpperCase();
      const note = text(`cell_${domain}_${i}_note`);
      if (code === '') continue;
      cells.push(note ? { domain, body: key, code: code as RaciCode, note } : { domain, body: key, code: code as RaciCode });
    }
  }
  return { matrix: { bodies, cells }, changeNote: text('changeNote') };
}
