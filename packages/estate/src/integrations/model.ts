/** An integration (a data flow from one application to another) as the estate holds it. */
import { Type, type Static, type TSchema } from 'typebox';

export const INTEGRATION_FIELDS = [
  'reference',
  'sourceApplication',
  'targetApplication',
  'method',
  'frequency',
  'dataCarried',
  'carriesPersonalData',
  'owner',
] as const;
export type IntegrationField = (typeof INTEGRATION_FIELDS)[number];

export const INTEGRATION_FIELD_LABELS: Record<IntegrationField, string> = {
  reference: 'Integration reference',
  sourceApplication: 'Source application',
  targetApplication: 'Target application',
  method: 'Method',
  frequency: 'Frequency',
  dataCarried: 'Data carried',
  carriesPersonalData: 'Carries personal data',
  owner: 'Owner',
};

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Integration = Type.Object({
  id: Type.Integer(),
  organisationCode: Type.String(),
  importId: Type.Integer(),
  row: Type.Integer(),
  reference: Type.String(),
  sourceApplication: Type.String({ description: 'Reference of the application the data flows from' }),
  targetApplication: Type.String({ description: 'Reference of the application the data flows to' }),
  method: Nullable(Type.String()),
  frequency: Nullable(Type.String()),
  dataCarried: Nullable(Type.String()),
  carriesPersonalData: Nullable(Type.Boolean()),
  owner: Nullable(Type.String()),
});
export type Integration = Static<typeof Integration>;
export type IntegrationValues = Omit<Integration, 'id' | 'organisationCode' | 'importId' | 'row'>;
