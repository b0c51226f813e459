/**
 * The message log's one error class: a `reason` code the gateway can branch on (it answers
 * `Server.*.LogFailure` for any of them) and a message that says what to do.
 */

export type MessageLogErrorReason =
  | 'invalid-options'
  | 'invalid-record'
  | 'locked'
  | 'corrupt-tail'
  | 'write-failed'
  | 'closed'
  | 'signing-failed'
  | 'not-found'
  | 'not-checkpointed'
  | 'not-json';

export class MessageLogError extends Error {
  constructor(
    readonly reason: MessageLogErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MessageLogError';
  }
}
