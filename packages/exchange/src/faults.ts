/**
 * What gateways answer when an exchange fails, in X-Road's error taxonomy so that integrators
 * who know X-Road recognise it: the `type` says where the fault was found —
 * `Client.*` (the caller sent something wrong), `Server.ClientProxy.*` (found by the client's
 * own gateway), `Server.ServerProxy.*` (found by the provider's gateway) — and the same type is
 * sent in the `X-Road-Error` header. The body is X-Road REST's `{ type, message, detail }`,
 * with the message id so that the log entry can be found.
 */

export const EXCHANGE_FAULTS = {
  // The caller's request is wrong.
  'Client.InvalidRequest': { status: 400, message: 'The request is not a valid exchange request' },
  'Client.InvalidClientIdentifier': { status: 400, message: 'X-Road-Client is missing or is not INSTANCE/CLASS/MEMBER/SUBSYSTEM' },
  'Client.InvalidServiceIdentifier': {
    status: 400,
    message: 'The path does not name a service as /r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE',
  },
  'Client.UnknownClient': { status: 403, message: 'The client subsystem is not registered with this gateway’s member' },
  'Client.BodyTooLarge': { status: 413, message: 'The request body is larger than this gateway accepts' },
  // Found by the client's gateway.
  'Server.ClientProxy.UnknownService': { status: 404, message: 'The federation configuration has no such service' },
  'Server.ClientProxy.UnknownMember': { status: 404, message: 'The federation configuration has no such member' },
  'Server.ClientProxy.AccessDenied': { status: 403, message: 'The client has no access right to this service or operation' },
  'Server.ClientProxy.GrantExpired': { status: 403, message: 'The access right this call rests on has expired' },
  'Server.ClientProxy.MemberRevoked': { status: 403, message: 'The member has been revoked by the federation authority' },
  'Server.ClientProxy.SuccessionEnded': {
    status: 410,
    message: 'The service’s organisation has been succeeded and the dual-running period is over',
  },
  'Server.ClientProxy.ConfigurationExpired': {
    status: 503,
    message: 'This gateway’s federation configuration has expired; it cannot route calls until it downloads a new one',
  },
  'Server.ClientProxy.NetworkError': { status: 502, message: 'The provider’s gateway cannot be reached' },
  'Server.ClientProxy.Timeout': { status: 504, message: 'The provider’s gateway did not answer in time' },
  'Server.ClientProxy.InvalidSignature': { status: 502, message: 'The provider’s answer is not signed as it should be' },
  'Server.ClientProxy.InvalidCertificate': { status: 502, message: 'The provider’s gateway certificate is not valid' },
  'Server.ClientProxy.LogFailure': {
    status: 503,
    message: 'The message could not be written to this gateway’s message log, so it was not sent',
  },
  // Found by the provider's gateway.
  'Server.ServerProxy.InvalidCertificate': { status: 401, message: 'The calling gateway’s certificate is not valid' },
  'Server.ServerProxy.InvalidSignature': { status: 401, message: 'The request’s signature or content digest does not verify' },
  'Server.ServerProxy.StaleMessage': { status: 401, message: 'The request was signed too long ago or in the future (check the clocks)' },
  'Server.ServerProxy.ReplayedMessage': { status: 409, message: 'A request with this nonce has already been received' },
  'Server.ServerProxy.UnknownService': { status: 404, message: 'This gateway does not provide this service' },
  'Server.ServerProxy.AccessDenied': { status: 403, message: 'The client has no access right to this service or operation' },
  'Server.ServerProxy.GrantExpired': { status: 403, message: 'The access right this call rests on has expired' },
  'Server.ServerProxy.MemberRevoked': { status: 403, message: 'The calling member has been revoked by the federation authority' },
  'Server.ServerProxy.ServiceFailed': { status: 502, message: 'The provider’s system could not be reached or failed' },
  'Server.ServerProxy.ServiceTimeout': { status: 504, message: 'The provider’s system did not answer in time' },
  'Server.ServerProxy.LogFailure': { status: 503, message: 'The message could not be written to the provider gateway’s message log' },
  'Server.ServerProxy.ConfigurationExpired': { status: 503, message: 'The provider gateway’s federation configuration has expired' },
} as const;

export type ExchangeFaultType = keyof typeof EXCHANGE_FAULTS;

/** A fault with its X-Road type; gateways turn it into `{ type, message, detail }` and `X-Road-Error`. */
export class ExchangeFault extends Error {
  readonly type: ExchangeFaultType;
  readonly status: number;
  readonly detail: string | undefined;

  constructor(type: ExchangeFaultType, detail?: string) {
    super(EXCHANGE_FAULTS[type].message);
    this.name = 'ExchangeFault';
    this.type = type;
    this.status = EXCHANGE_FAULTS[type].status;
    this.detail = detail;
  }

  /** X-Road REST's error body. */
  toBody(messageId?: string): { type: string; message: string; detail?: string; messageId?: string } {
    return { type: this.type, message: this.message, ...(this.detail ? { detail: this.detail } : {}), ...(messageId ? { messageId } : {}) };
  }
}

/** @example throw fault('Server.ServerProxy.AccessDenied', 'No grant for wessex/GOV/casterbridge/housing') */
export const fault = (type: ExchangeFaultType, detail?: string): ExchangeFault => new ExchangeFault(type, detail);
