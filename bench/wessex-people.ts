/**
 * Wessex source records in one person shape for the linkage benchmarks, with each
 * record's true person. Each system's own columns are mapped here (the registers' loader
 * does this properly); systems with a single free-text name column are left out.
 */
import { generateWessex } from '@joinery/scenario';

export function wessexPeople(scale: number, seed: string | number = 1): { rows: Record<string, string>[]; truth: string[] } {
  const scenario = generateWessex({ scale, seed });
  const truthOf = new Map(scenario.truth.links.map((l) => [`${l.systemCode}\u0000${l.recordId}`, l.personId]));
  const pick = (row: Record<string, string>, ...names: string[]) => names.map((n) => row[n]).find((v) => v !== undefined && v !== '') ?? '';
  const rows: Record<string, string>[] = [];
  const truth: string[] = [];
  for (const system of scenario.sourceSystems) {
    const extract = scenario.sourceExtracts[system.code] ?? [];
    const first = extract[0];
    if (!first || !('surname' in first)) continue;
    for (const row of extract) {
      const id = row[system.idColumn]!;
      rows.push({
        id: `${system.code}/${id}`,
        forenames: pick(row, 'forenames', 'first_names', 'forename', 'first_name', 'given_name'),
        surname: pick(row, 'surname', 'last_name', 'family_name'),
        dob: pick(row, 'date_of_birth', 'dob', 'birth_date'),
        postcode: pick(row, 'postcode', 'post_code'),
      });
      truth.push(truthOf.get(`${system.code}\u0000${id}`) ?? `unknown:${rows.length}`);
    }
  }
  return { rows, truth };
}
