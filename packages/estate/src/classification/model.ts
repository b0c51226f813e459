/** Classifications' shapes as the API gives them. */
import { Type, type Static } from 'typebox';

export const ClassifiedApplication = Type.Object({
  organisationCode: Type.String(),
  reference: Type.String({ description: 'The application’s reference in its organisation’s inventory' }),
  name: Type.String(),
  product: Type.Union([Type.String(), Type.Null()]),
  supplierName: Type.Union([Type.String(), Type.Null()]),
  capability: Type.Union([Type.String(), Type.Null()]),
  contractReference: Type.Union([Type.String(), Type.Null()]),
  functionId: Type.Union([Type.Integer(), Type.Null()], { description: 'LGA Function list identifier; null: not classified' }),
  functionLabel: Type.Union([Type.String(), Type.Null()]),
  serviceId: Type.Union([Type.Integer(), Type.Null()], { description: 'LGSL service, where one fits' }),
  serviceLabel: Type.Union([Type.String(), Type.Null()]),
  method: Type.Union([Type.Literal('rule'), Type.Literal('user'), Type.Null()], {
    description: 'Who decided: the rules, a person, or nobody yet',
  }),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  reason: Type.String(),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
});
export type ClassifiedApplication = Static<typeof ClassifiedApplication>;

export const ClassificationOverride = Type.Object({
  organisation: Type.String({ minLength: 1, maxLength: 64 }),
  reference: Type.String({ minLength: 1, maxLength: 200 }),
  functionId: Type.Integer({ minimum: 1, description: 'The LGA function it is for' }),
  serviceId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  reason: Type.Optional(Type.String({ maxLength: 500 })),
});
export type ClassificationOverride = Static<typeof ClassificationOverride>;

export const UnlistedSoftware = Type.Object({
  organisationCode: Type.String(),
  reference: Type.String(),
  title: Type.String(),
  supplierName: Type.String(),
  cpvCode: Type.String(),
  value: Type.Union([Type.Number(), Type.Null()]),
  endDate: Type.Union([Type.String(), Type.Null()]),
});
export type UnlistedSoftware = Static<typeof UnlistedSoftware>;
