/**
 * The rules for reference lists and registers: importing a version (the same file again changes
 * nothing; a new file replaces the list), what is loaded, searching the register of councils,
 * proposing a reorganisation's predecessors from it (replaced-by links, then the two-tier
 * hierarchy) and starting a reorganisation from it: organisations created or matched with their
 * real identifiers (GSS code, local-authority code), successor_code set, reorganisation saved.
 */
import { createHash } from 'node:crypto';
import {
  listOrganisations,
  Problems,
  recordAudit,
  saveOrganisations,
  type Database,
  type Organisation,
  type OrganisationType,
  type SignedInUser,
} from '@joinery/core';
import { estateError } from '../errors.ts';
import { saveReorganisation, type Reorganisation } from '../reorganisations/service.ts';
import { estateDb } from '../store.ts';
import type {
  PredecessorProposal,
  ReferenceImport,
  ReferenceImportReport,
  ReferenceList,
  RegisterEntry,
  ReorganisationStart,
} from './model.ts';
import { readReferenceList } from './read-lists.ts';
import { currentImport, insertVersion, selectCouncils, selectImports, type CouncilRecord } from './store.ts';

/**
 * Imports one version of a reference list. Bad rows are refused (reported), the rest stored;
 * the file's columns must be the list's. The current file again: unchanged, nothing written.
 * @example const r = await importReferenceList(database, null, { list: 'functions', fileName: 'lga_functions.csv', bytes });
 */
export async function importReferenceList(
  database: Database,
  user: SignedInUser | null,
  input: { list: ReferenceList; fileName: string; bytes: Uint8Array },
): Promise<ReferenceImportReport> {
  const result = readReferenceList(input.list, input.bytes, input.fileName);
  const { read } = result;
  if (result.accepted === 0)
    throw estateError(
      'ESTATE_REFERENCE_UNREADABLE',
      `${input.fileName} has no usable rows for the ${input.list} list`,
      result.problems.slice(0, 100),
    );
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const db = estateDb(database.db);
  const current = await currentImport(db, read.list, read.format);
  const report = {
    list: read.list,
    format: read.format,
    fileName: input.fileName,
    rows: result.rowCount,
    imported: result.accepted,
    refused: result.rowCount - result.accepted,
    problems: result.problems,
  };
  if (current && current.sha256 === sha256) return { ...report, importId: Number(current.id), unchanged: true };
  const importId = await database.db.transaction().execute(async (trx) => {
    const id = await insertVersion(estateDb(trx), {
      read,
      fileName: input.fileName,
      sha256,
      rows: result.rowCount,
      imported: result.accepted,
      problems: result.problems,
      importedBy: user?.username ?? null,
    });
    await recordAudit(trx, {
      actor: user ?? undefined,
      action: 'estate.reference.imported',
      subjectType: 'reference-list',
      subjectId: `${read.list}:${read.format}`,
      details: { fileName: input.fileName, sha256, rows: report.rows, imported: report.imported, refused: report.refused, importId: id },
    });
    return id;
  });
  return { ...report, importId, unchanged: false };
}

/** Every version imported, newest first within each list. @example (await listReferenceImports(database)).filter((i) => i.isCurrent) */
export async function listReferenceImports(database: Database): Promise<ReferenceImport[]> {
  return selectImports(estateDb(database.db));
}

/** What an organisation in Joinery is for a register entry: by local-authority code, else GSS code, else the same name. */
function matchOrganisation(organisations: Organisation[], council: CouncilRecord): Organisation | undefined {
  const has = (o: Organisation, kind: string, value: string | null) =>
    value !== null && o.identifiers.some((i) => i.kind === kind && i.value === value);
  // By name only when the organisation carries no identifier of those kinds that says otherwise.
  const unclaimed = (o: Organisation) => !o.identifiers.some((i) => i.kind === 'gss' || i.kind === 'local-authority-code');
  return (
    organisations.find((o) => has(o, 'local-authority-code', council.localAuthorityCode)) ??
    organisations.find((o) => has(o, 'gss', council.gssCode)) ??
    organisations.find((o) => unclaimed(o) && o.name.toLowerCase() === council.name.toLowerCase())
  );
}

function toEntry(council: CouncilRecord, organisations: Organisation[]): RegisterEntry {
  return { ...council, organisationCode: matchOrganisation(organisations, council)?.code ?? null };
}

async function registerOrFail(database: Database): Promise<CouncilRecord[]> {
  const councils = await selectCouncils(estateDb(database.db));
  if (councils.length === 0)
    throw estateError(
      'ESTATE_REFERENCE_MISSING',
      'No register of councils has been imported: run joinery reference import councils uk_local_authorities_future.csv',
    );
  return councils;
}

/**
 * Councils in the imported register whose name contains the words asked for, or whose GSS or
 * local-authority code is the one asked for; current councils first.
 * @example (await searchRegister(database, 'bucking')).map((e) => e.code) // ['BUC', 'BKM']
 */
export async function searchRegister(database: Database, query: string, limit = 25): Promise<RegisterEntry[]> {
  const councils = await registerOrFail(database);
  const organisations = await listOrganisations(database);
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const words = q.split(/\s+/);
  const found = councils.filter(
    (c) =>
      c.code.toLowerCase() === q ||
      c.gssCode?.toLowerCase() === q ||
      words.every((w) => `${c.name} ${c.shortName ?? ''}`.toLowerCase().includes(w)),
  );
  found.sort((a, b) => Number(a.endDate !== null) - Number(b.endDate !== null) || a.name.localeCompare(b.name));
  return found.slice(0, limit).map((c) => toEntry(c, organisations));
}

/** @example (await registerEntry(database, 'BKM')).replacedBy // ['BUC'] */
export async function registerEntry(database: Database, code: string): Promise<RegisterEntry> {
  const councils = await registerOrFail(database);
  const council = councils.find((c) => c.code === code || c.code === code.toUpperCase());
  if (!council) throw estateError('ESTATE_REGISTER_UNKNOWN', `No council in the imported register has the code "${code.slice(0, 40)}"`);
  return toEntry(council, await listOrganisations(database));
}

/**
 * The predecessors the register suggests for a council. For a successor: the councils whose
 * replaced-by names it. For a county: the county and its districts. For a district: its county
 * and the county's other districts. Each proposal says why.
 * @example (await proposePredecessors(database, 'BUC')).proposals.map((p) => p.entry.code) // ['AYL', 'BKM', 'CHT', 'SBU', 'WYO']
 */
export async function proposePredecessors(database: Database, code: string): Promise<PredecessorProposal> {
  const councils = await registerOrFail(database);
  const organisations = await listOrganisations(database);
  const council = councils.find((c) => c.code === code || c.code === code.toUpperCase());
  if (!council) throw estateError('ESTATE_REGISTER_UNKNOWN', `No council in the imported register has the code "${code.slice(0, 40)}"`);
  const proposals: PredecessorProposal['proposals'] = [];
  const add = (c: CouncilRecord, why: string) => {
    if (!proposals.some((p) => p.entry.code === c.code)) proposals.push({ entry: toEntry(c, organisations), why });
  };
  for (const c of councils.filter((c) => c.replacedBy.includes(council.code)))
    add(c, `The register says ${council.name} replaced it${c.endDate ? ` (abolished ${c.endDate})` : ''}`);
  if (proposals.length === 0) {
    const county = council.tier === 'county' ? council : councils.find((c) => c.code === council.parentCode && council.tier === 'district');
    if (county) {
      if (county.code !== council.code) add(county, `The county council over ${council.name}`);
      else add(county, 'The county council itself');
      for (const d of councils.filter((c) => c.parentCode === county.code && (c.endDate === null || county.endDate !== null)))
        add(d, `A district of ${county.name}`);
      if (county.code === council.code)
        proposals.sort((a, b) => Number(a.entry.code !== county.code) - Number(b.entry.code !== county.code));
    }
  }
  return { entry: toEntry(council, organisations), proposals };
}

const TYPE_BY_TIER: Record<string, OrganisationType> = {
  county: 'county-council',
  district: 'district-council',
  unitary: 'unitary-authority',
  combined: 'combined-authority',
};

/** An organisation code from a council's name: "South Bucks District Council" → south-bucks. */
export function organisationCodeFor(name: string): string {
  const code = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/\b(council|district|borough|county|city|metropolitan|of|the)\b/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return code.length >= 2 ? code : `council-${code || 'x'}`;
}

function identifiersOf(council: CouncilRecord): Organisation['identifiers'] {
  const ids: Organisation['identifiers'] = [];
  if (council.gssCode) ids.push({ kind: 'gss', value: council.gssCode });
  if (council.localAuthorityCode) ids.push({ kind: 'local-authority-code', value: council.localAuthorityCode });
  return ids;
}

/** Adds the register's identifiers to an organisation without dropping the ones it has. */
function withIdentifiers(organisation: Organisation, council: CouncilRecord): Organisation['identifiers'] {
  const merged = [...organisation.identifiers];
  for (const id of identifiersOf(council)) {
    const index = merged.findIndex((i) => i.kind === id.kind);
    if (index === -1) merged.push(id);
    else merged[index] = id;
  }
  return merged;
}

/**
 * Who may start a reorganisation: an administrator of any organisation it names that already
 * exists in Joinery; when none exists yet, an administrator of any organisation.
 */
export function mayStartReorganisation(user: SignedInUser | null, existing: string[]): boolean {
  if (user === null) return true; // the command line: whoever runs it has the database
  const admin = user.memberships.filter((m) => m.roles.includes('admin')).map((m) => m.organisationCode);
  if (existing.length === 0) return admin.length > 0;
  return existing.some((code) => admin.includes(code));
}

/**
 * Starts (or updates) a reorganisation from the imported register: the successor (an entry in
 * the register, or a new council by code and name) and predecessors (register codes). Each
 * council is matched to an organisation by its identifiers or created with them; predecessors'
 * successor_code is set; the reorganisation is saved. Every problem is reported at once.
 * @example await startReorganisationFromRegister(database, null, { code: 'bucks-lgr', name: 'Buckinghamshire', vestingDay: '2020-04-01', successor: { registerCode: 'BUC' }, predecessors: ['BKM', 'AYL'] });
 */
export async function startReorganisationFromRegister(
  database: Database,
  user: SignedInUser | null,
  input: ReorganisationStart,
): Promise<{ reorganisation: Reorganisation; created: string[]; updated: string[] }> {
  const councils = await registerOrFail(database);
  const organisations = await listOrganisations(database);
  const byCode = new Map(councils.map((c) => [c.code, c]));
  const problems = new Problems();
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(input.code))
    problems.add({ field: 'code', message: 'Give the reorganisation a code of lower-case letters, digits and hyphens (2 to 63)' });
  if (input.name.trim() === '' || input.name.length > 200)
    problems.add({ field: 'name', message: 'Give the programme a name (up to 200 characters)' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.vestingDay) || Number.isNaN(Date.parse(input.vestingDay)))
    problems.add({ field: 'vestingDay', message: 'Give vesting day as a date (YYYY-MM-DD)' });

  let successor: Organisation | undefined;
  let successorCouncil: CouncilRecord | undefined;
  const s = input.successor;
  if (s.registerCode && s.registerCode.trim() !== '') {
    successorCouncil = byCode.get(s.registerCode.trim()) ?? byCode.get(s.registerCode.trim().toUpperCase());
    if (!successorCouncil)
      problems.add({ field: 'successor', message: `No council in the register has the code "${s.registerCode.slice(0, 40)}"` });
  } else if (s.code && s.name) {
    if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(s.code))
      problems.add({ field: 'successorCode', message: 'Give the new council a code of lower-case letters, digits and hyphens' });
    if (s.name.trim() === '' || s.name.length > 200) problems.add({ field: 'successorName', message: 'Give the new council a name' });
    const existing = organisations.find((o) => o.code === s.code);
    successor = {
      code: s.code,
      name: s.name.trim(),
      type: existing?.type ?? 'unitary-authority',
      successorCode: existing?.successorCode ?? null,
      identifiers: existing?.identifiers.filter((i) => i.kind !== 'gss') ?? [],
      partnerships: existing?.partnerships ?? [],
    };
    const gss = s.gssCode?.trim() || existing?.identifiers.find((i) => i.kind === 'gss')?.value;
    if (gss) successor.identifiers.push({ kind: 'gss', value: gss });
  } else
    problems.add({ field: 'successor', message: 'Name the successor: pick it from the register, or give a new council’s code and name' });

  const predecessorCouncils: CouncilRecord[] = [];
  if (input.predecessors.length === 0) problems.add({ field: 'predecessors', message: 'Pick at least one predecessor council' });
  for (const code of new Set(input.predecessors.map((p) => p.trim()).filter(Boolean))) {
    const council = byCode.get(code) ?? byCode.get(code.toUpperCase());
    if (!council) problems.add({ field: 'predecessors', message: `No council in the register has the code "${code.slice(0, 40)}"` });
    else if (successorCouncil && council.code === successorCouncil.code)
      problems.add({ field: 'predecessors', message: `${council.name} cannot be its own predecessor` });
    else predecessorCouncils.push(council);
  }
  if (!problems.isEmpty) throw estateError('ESTATE_REORGANISATION_INVALID', 'The reorganisation cannot be started', problems.list);

  const used = new Set(organisations.map((o) => o.code));
  const created: string[] = [];
  const updated: string[] = [];
  const fromCouncil = (council: CouncilRecord, successorCode: string | null): Organisation => {
    const existing = matchOrganisation(organisations, council);
    if (existing) {
      updated.push(existing.code);
      return { ...existing, successorCode: successorCode ?? existing.successorCode, identifiers: withIdentifiers(existing, council) };
    }
    let code = organisationCodeFor(council.shortName ?? council.name);
    if (used.has(code)) code = `${code}-${council.code.toLowerCase()}`.slice(0, 63);
    used.add(code);
    created.push(code);
    return {
      code,
      name: council.name,
      type: TYPE_BY_TIER[council.tier ?? ''] ?? 'other',
      successorCode,
      identifiers: identifiersOf(council),
      partnerships: [],
    };
  };
  if (successorCouncil) successor = fromCouncil(successorCouncil, null);
  else if (successor) (organisations.some((o) => o.code === successor!.code) ? updated : created).push(successor.code);
  const predecessors = predecessorCouncils.map((c) => fromCouncil(c, successor!.code));
  const existingCodes = [successor!, ...predecessors].map((o) => o.code).filter((c) => organisations.some((o) => o.code === c));
  if (!mayStartReorganisation(user, existingCodes)) {
    await recordAudit(database.db, {
      actor: user ?? undefined,
      action: 'access.refused',
      subjectType: 'reorganisation',
      subjectId: input.code.slice(0, 64),
      outcome: 'refused',
      details: { needs: 'admin', of: existingCodes },
    });
    throw estateError(
      'ESTATE_REFERENCE_FORBIDDEN',
      existingCodes.length > 0
        ? `Only an administrator of ${existingCodes.join(', ')} can start this reorganisation`
        : 'Only an administrator of an organisation can start a reorganisation',
    );
  }
  await saveOrganisations(database, [successor!, ...predecessors]);
  const reorganisation = await saveReorganisation(database, {
    code: input.code,
    name: input.name.trim(),
    successorCode: successor!.code,
    vestingDay: input.vestingDay,
  });
  await recordAudit(database.db, {
    actor: user ?? undefined,
    action: 'estate.reorganisation.started',
    subjectType: 'reorganisation',
    subjectId: input.code,
    details: {
      successorCode: successor!.code,
      predecessors: predecessors.map((p) => p.code),
      created,
      updated,
      vestingDay: input.vestingDay,
    },
  });
  return { reorganisation, created, updated };
}
