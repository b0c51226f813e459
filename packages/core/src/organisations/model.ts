/** Organisations, their open identifiers and the partnerships they belong to. */
import { Type, type Static } from 'typebox';

/** Every organisation type, in the order pages group them. */
export const ORGANISATION_TYPES = [
  'unitary-authority',
  'county-council',
  'district-council',
  'metropolitan-district',
  'london-borough',
  'strategic-authority',
  'combined-authority',
  'nhs-trust',
  'integrated-care-board',
  'gp-practice',
  'housing-association',
  'police',
  'fire',
  'school',
  'other',
] as const;

export const ORGANISATION_IDENTIFIER_KINDS = ['gss', 'ods', 'companies-house', 'charity', 'local-authority-code', 'uprn'] as const;

export const PARTNERSHIP_KINDS = ['federation', 'partnership', 'integrated-care-system', 'reorganisation'] as const;

export const OrganisationCode = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{1,62}$',
  description: 'Short identifier: lower-case letters, digits and hyphens',
});

export const OrganisationIdentifier = Type.Object({
  kind: Type.Enum(ORGANISATION_IDENTIFIER_KINDS),
  value: Type.String({ minLength: 1, maxLength: 40 }),
});
export type OrganisationIdentifier = Static<typeof OrganisationIdentifier>;

export const Organisation = Type.Object({
  code: OrganisationCode,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  type: Type.Enum(ORGANISATION_TYPES),
  successorCode: Type.Union([OrganisationCode, Type.Null()]),
  identifiers: Type.Array(OrganisationIdentifier),
  partnerships: Type.Array(Type.String()),
});
export type Organisation = Static<typeof Organisation>;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const Partnership = Type.Object({
  code: OrganisationCode,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: Type.Enum(PARTNERSHIP_KINDS),
  members: Type.Array(OrganisationCode),
});
export type Partnership = Static<typeof Partnership>;

/** Labels for pages. */
export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  'county-council': 'County council',
  'district-council': 'District council',
  'unitary-authority': 'Unitary authority',
  'metropolitan-district': 'Metropolitan district',
  'london-borough': 'London borough',
  'strategic-authority': 'Strategic authority',
  'combined-authority': 'Combined authority',
  'nhs-trust': 'NHS trust',
  'integrated-care-board': 'Integrated care board',
  'gp-practice': 'GP practice',
  'housing-association': 'Housing association',
  police: 'Police',
  fire: 'Fire and rescue',
  school: 'School',
  other: 'Other',
};

/** Short labels for identifier kinds, for pages. */
export const IDENTIFIER_LABELS: Record<string, string> = {
  gss: 'GSS',
  ods: 'ODS',
  'companies-house': 'Company',
  charity: 'Charity',
  'local-authority-code': 'LA code',
  uprn: 'UPRN',
};
