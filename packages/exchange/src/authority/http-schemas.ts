/** Parameters and bodies the authority's routes share, and the actor a signed-in request acts as. */
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { userActor, type Actor } from './actor.ts';

export const tags = ['Exchange'];

const Part = (description: string) => Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$', description });

export const FederationCode = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$', description: 'The federation’s code, e.g. wessex' });
export const FederationParams = Type.Object({ code: FederationCode });
export const MemberParams = Type.Object({
  code: FederationCode,
  member: Part('The member’s code (its organisation’s), e.g. casterbridge'),
});
export const GatewayParams = Type.Object({ ...MemberParams.properties, gateway: Part('The gateway’s code, e.g. gw1') });
export const SubsystemParams = Type.Object({ ...MemberParams.properties, subsystem: Part('The subsystem’s code, e.g. housing') });
export const ServiceParams = Type.Object({ ...SubsystemParams.properties, service: Part('The service’s code, e.g. address-lookup') });
export const VersionQuery = Type.Object({ version: Type.Optional(Part('The service’s version, when it has one')) });
export const GrantParams = Type.Object({ code: FederationCode, id: Type.String({ format: 'uuid', description: 'The grant’s id' }) });

export const Reason = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500, description: 'Why (kept with the revocation)' }) });
export const Note = Type.Object({ note: Type.String({ minLength: 1, maxLength: 1000, description: 'Why (kept with the decision)' }) });

/** An OpenAPI document in a request body: any JSON object (checked by the authority, every problem listed). */
export const OpenApiDocument = Type.Object({}, { additionalProperties: true, description: 'An OpenAPI 3.1 document (JSON)' });

/** Routes that take an OpenAPI document accept up to 2 MB of body (the document itself may be 1 MB). */
export const OPENAPI_BODY_LIMIT = 2 * 1_048_576;

/** The signed-in user making the request, as the authority's functions take them. */
export function actorOf(request: FastifyRequest): Actor {
  return userActor(request.user!, { actingFor: request.actingFor, clientAddress: request.ip });
}
