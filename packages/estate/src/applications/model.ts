/**
 * An application (a system a council runs) as the estate holds it: what it is, who supplies
 * it, where it runs, what it is for, who uses it, what it costs and when its support ends.
 */
import { Type, type Static, type TSchema } from 'typebox';

export const APPLICATION_FIELDS = [
  'reference',
  'name',
  'product',
  'supplierName',
  'supplierCompanyNumber',
  'version',
  'hosting',
  'capability',
  'businessOwner',
  'userCount',
  'dataHeld',
  'annualCost',
  'licenceModel',
  'endOfSupport',
  'contractReference',
] as const;
export type ApplicationField = (typeof APPLICATION_FIELDS)[number];

export const APPLICATION_FIELD_LABELS: Record<ApplicationField, string> = {
  reference: 'Application reference',
  name: 'Name',
  product: 'Product',
  supplierName: 'Supplier',
  supplierCompanyNumber: 'Supplier company number',
  version: 'Version',
  hosting: 'Hosting',
  capability: 'Capability',
  businessOwner: 'Business owner',
  userCount: 'Users',
  dataHeld: 'Data held',
  annualCost: 'Annual cost (£)',
  licenceModel: 'Licence model',
  endOfSupport: 'End of support',
  contractReference: 'Contract reference',
};

export const HOSTING = ['on-premises', 'hosted', 'saas'] as const;
export type Hosting = (typeof HOSTING)[number];

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Application = Type.Object({
  id: Type.Integer(),
  organisationCode: Type.String(),
  importId: Type.Integer({ description: 'The import it came from' }),
  row: Type.Integer({ description: 'Its row in the imported file (the header is row 1)' }),
  reference: Type.String({ description: 'The organisation’s own identifier; integrations name applications by it' }),
  name: Type.String(),
  product: Nullable(Type.String()),
  supplierName: Nullable(Type.String()),
  supplierCompanyNumber: Nullable(Type.String({ description: 'Companies House number, 8 characters' })),
  version: Nullable(Type.String()),
  hosting: Nullable(Type.Union([Type.Literal('on-premises'), Type.Literal('hosted'), Type.Literal('saas')])),
  capability: Nullable(Type.String()),
  businessOwner: Nullable(Type.String()),
  userCount: Nullable(Type.Integer({ minimum: 0 })),
  dataHeld: Nullable(Type.String()),
  annualCost: Nullable(Type.Number({ description: 'Pounds sterling a year' })),
  licenceModel: Nullable(Type.String()),
  endOfSupport: Nullable(Type.String({ format: 'date' })),
  contractReference: Nullable(Type.String()),
});
export type Application = Static<typeof Application>;
export type ApplicationValues = Omit<Application, 'id' | 'organisationCode' | 'importId' | 'row'>;
