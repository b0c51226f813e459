/**
 * The one-page decision-rights matrix (Connected Devolution report §4.1, after Weill & Ross,
 * "IT governance on one page", 2004): who decides what across the five IT decision domains,
 * against the new authority's bodies and roles. Each cell carries a RACI code and a note.
 */
import { Type, type Static } from 'typebox';

/** A string that is one of `values` (a JSON Schema enum, typed as their union). */
export const oneOf = <T extends string>(values: readonly T[], options: { description?: string } = {}) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });

/** The five decision domains, in the report's order (§4.1). Fixed: they are the rows. */
export const DECISION_DOMAINS = [
  { key: 'it-principles', name: 'IT principles', question: 'The why: how digital and technology create value for the authority' },
  { key: 'architecture', name: 'Architecture', question: 'What standards: data, integration, identity and security guardrails' },
  { key: 'infrastructure', name: 'Infrastructure', question: 'Shared platforms: hosting, network, identity, integration rails' },
  { key: 'applications', name: 'Applications', question: 'Portfolio choices: which systems to keep, converge, buy or retire' },
  {
    key: 'investment',
    name: 'Investment and prioritisation',
    question: 'Funding: which business cases go ahead, in what order',
  },
] as const;
export type DecisionDomain = (typeof DECISION_DOMAINS)[number]['key'];
export const DOMAIN_KEYS = DECISION_DOMAINS.map((d) => d.key) as DecisionDomain[];

/** RACI: one body is accountable (decides) per domain; others are responsible, consulted (input) or informed. */
export const RACI_CODES = { A: 'Accountable (decides)', R: 'Responsible (does)', C: 'Consulted (gives input)', I: 'Informed' } as const;
export type RaciCode = keyof typeof RACI_CODES;

export const DecisionBody = Type.Object({
  key: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,47}$', description: 'Short stable key, e.g. programme-board' }),
  name: Type.String({ minLength: 1, maxLength: 100, description: 'e.g. Programme board' }),
});
export type DecisionBody = Static<typeof DecisionBody>;

export const DecisionCell = Type.Object({
  domain: oneOf(DOMAIN_KEYS),
  body: Type.String({ description: 'A body key' }),
  code: oneOf(['A', 'R', 'C', 'I'] as RaciCode[], { description: 'A accountable (decides), R responsible, C consulted, I informed' }),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});
export type DecisionCell = Static<typeof DecisionCell>;

export const DecisionMatrix = Type.Object({
  bodies: Type.Array(DecisionBody, { minItems: 1, maxItems: 20, description: 'The columns, in order' }),
  cells: Type.Array(DecisionCell, { maxItems: 100, description: 'Filled cells only; an absent cell is blank' }),
});
export type DecisionMatrix = Static<typeof DecisionMatrix>;

export const DecisionRightsVersion = Type.Object({
  reorganisationCode: Type.String(),
  version: Type.Integer(),
  matrix: DecisionMatrix,
  changeNote: Type.String(),
  savedBy: Type.Union([Type.String(), Type.Null()]),
  savedAt: Type.String({ format: 'date-time' }),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  publishedBy: Type.Union([Type.String(), Type.Null()]),
  isPublished: Type.Boolean({ description: 'This is the version published most recently' }),
});
export type DecisionRightsVersion = Static<typeof DecisionRightsVersion>;

export const DecisionRightsVersionSummary = Type.Omit(DecisionRightsVersion, ['matrix']);
export type DecisionRightsVersionSummary = Static<typeof DecisionRightsVersionSummary>;

export const MatrixDiff = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  bodiesAdded: Type.Array(DecisionBody),
  bodiesRemoved: Type.Array(DecisionBody),
  bodiesRenamed: Type.Array(Type.Object({ key: Type.String(), from: Type.String(), to: Type.String() })),
  cellsChanged: Type.Array(
    Type.Object({
      domain: Type.String(),
      body: Type.String(),
      from: Type.Union([Type.Object({ code: Type.String(), note: Type.String() }), Type.Null()]),
      to: Type.Union([Type.Object({ code: Type.String(), note: Type.String() }), Type.Null()]),
    }),
  ),
});
export type MatrixDiff = Static<typeof MatrixDiff>;
