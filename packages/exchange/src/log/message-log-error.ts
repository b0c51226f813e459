/**
 * The message log's one error class: a `reason` code the gateway can branch on (it answers
 * `Server.*.LogFailure` for any of them) and a message that says what to do. A JoineryError,
 * so the CLI and the server show that message as it is (EXCHANGE_LOG_NOT_FOUND and so on).
 */
import { JoineryError } from '@joinery/core';

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

const STATUS: Partial<Record<MessageLogErrorReason, number>> = {
  'invalid-options': 400,
  'invalid-record': 400,
  'not-json': 400,
  'not-found': 404,
  locked: 409,
  'not-checkpointed': 409,
};

export class MessageLogError extends JoineryError {
  constructor(
    readonly reason: MessageLogErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`EXCHANGE_LOG_${reason.replace(/-/g, '_').toUpperCase()}`, STATUS[reason] ?? 500, message);
    this.name = 'MessageLogError';
    if (options && 'cause' in options) this.cause = options.cause;
  }
}
