/**
 * What a gateway reports to its authority about its traffic, every few minutes: requests,
 * errors, faults by X-Road type and latencies per service and client; its certificates; and
 * the configuration it routes by; and the head of its message log, a witness against a log later truncated or rewritten (the
 * authority keeps every head it was told). Signed by the gateway with its sign key.
 */
import { Type, type Static } from 'typebox';

const Instant = Type.String({ format: 'date-time' });
const Count = Type.Integer({ minimum: 0, maximum: 1e12 });
const Milliseconds = Type.Number({ minimum: 0, maximum: 86_400_000 });

export const GatewayReport = Type.Object(
  {
    gatewayId: Type.String({ minLength: 7, maxLength: 400, description: 'INSTANCE/CLASS/MEMBER/GATEWAY' }),
    periodStart: Instant,
    periodEnd: Instant,
    logHead: Type.Object({
      seq: Type.Integer({ minimum: 0, description: 'Sequence number of the last message-log entry at the end of the period' }),
      hash: Type.String({ minLength: 1, maxLength: 200, description: 'That entry’s hash' }),
    }),
    lastCheckpointSeq: Type.Integer({ minimum: 0, description: 'The last entry covered by a signed, timestamped checkpoint' }),
    configurationSerial: Type.Optional(
      Type.Integer({ minimum: 1, description: 'The serial of the federation configuration the gateway was routing by' }),
    ),
    services: Type.Array(
      Type.Object({
        service: Type.String({ minLength: 1, maxLength: 400 }),
        client: Type.String({ minLength: 1, maxLength: 400 }),
        requests: Count,
        errors: Count,
        faults: Type.Record(Type.String({ maxLength: 100 }), Count, {
          description: 'Counts by fault type, e.g. Server.ServerProxy.AccessDenied',
        }),
        p50Ms: Milliseconds,
        p99Ms: Milliseconds,
      }),
      { maxItems: 10_000 },
    ),
    certificates: Type.Array(
      Type.Object({
        usage: Type.Union([Type.Literal('auth'), Type.Literal('sign')]),
        serialNumber: Type.String({ minLength: 1, maxLength: 64 }),
        notAfter: Instant,
      }),
      { maxItems: 20 },
    ),
  },
  { additionalProperties: false },
);
export type GatewayReport = Static<typeof GatewayReport>;

/** The body a gateway posts: the report and a base64 Ed25519 signature over its RFC 8785 (JCS) form. */
export const SignedGatewayReport = Type.Object({
  report: GatewayReport,
  signature: Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'base64 Ed25519 signature over JCS(report), by the gateway’s sign key',
  }),
  certificateSerial: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: 'The sign certificate to verify with (default: the gateway’s current one)' }),
  ),
});
export type SignedGatewayReport = Static<typeof SignedGatewayReport>;
