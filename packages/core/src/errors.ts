/**
 * Typed errors with user-facing messages. Every package keeps one table of its codes
 * (code → HTTP status and message); `JoineryError` carries the code, the status and,
 * for validation, every problem found (file, row, column, why), collected first and
 * thrown once.
 */

export interface ProblemDetail {
  /** What was wrong, in words a user can act on. */
  message: string;
  file?: string;
  row?: number;
  column?: string;
  /** The form field or JSON path the problem belongs to, for error summaries. */
  field?: string;
}

export interface ErrorDefinition {
  status: number;
  message: string;
}

export class JoineryError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: ProblemDetail[];

  constructor(code: string, status: number, message: string, details: ProblemDetail[] = []) {
    super(message);
    this.name = 'JoineryError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/**
 * Makes a typed error factory from a package's table of codes.
 * @example
 * const fail = defineErrors({ CORE_NOT_FOUND: { status: 404, message: 'Not found' } });
 * throw fail('CORE_NOT_FOUND', 'No organisation "x"');
 */
export function defineErrors<Codes extends string>(table: Record<Codes, ErrorDefinition>) {
  return (code: Codes, message?: string, details: ProblemDetail[] = []): JoineryError =>
    new JoineryError(code, table[code].status, message ?? table[code].message, details);
}

export const CORE_ERRORS = {
  CORE_CONFIG_INVALID: { status: 500, message: 'The configuration is not valid' },
  CORE_DATABASE_UNREACHABLE: { status: 503, message: 'The database cannot be reached' },
  CORE_DATABASE_URL_INVALID: { status: 500, message: 'DATABASE_URL is not a valid postgres:// address' },
  CORE_DATA_DIR_CORRUPT: { status: 500, message: 'The embedded database files cannot be opened' },
  CORE_DATA_DIR_LOCKED: { status: 500, message: 'The embedded database is in use by another process' },
  CORE_MIGRATION_CHANGED: { status: 500, message: 'An applied migration has been edited since it ran' },
  CORE_MIGRATION_FAILED: { status: 500, message: 'A migration failed' },
  CORE_VALIDATION: { status: 400, message: 'There is a problem with what was sent' },
  CORE_FILE_UNREADABLE: { status: 400, message: 'The file cannot be read as CSV' },
  CORE_NOT_FOUND: { status: 404, message: 'Page not found' },
  CORE_SIGN_IN_REQUIRED: { status: 401, message: 'Sign in to continue' },
  CORE_SIGN_IN_FAILED: { status: 401, message: 'The username or password is not right' },
  CORE_FORBIDDEN: { status: 403, message: 'You do not have permission to do this' },
  CORE_CONFLICT: { status: 409, message: 'That already exists' },
  CORE_OIDC_NOT_CONFIGURED: { status: 404, message: 'Single sign-on is not set up on this server' },
  CORE_OIDC_FAILED: { status: 401, message: 'Single sign-on did not complete' },
  CORE_IMPORT_INVALID: { status: 400, message: 'The export folder cannot be imported' },
  CORE_IMPORT_NOT_EMPTY: { status: 409, message: 'The database already holds data' },
} as const satisfies Record<string, ErrorDefinition>;

export type CoreErrorCode = keyof typeof CORE_ERRORS;

/** Throws core's own errors: `throw coreError('CORE_NOT_FOUND', 'No user "x"')`. */
export const coreError = defineErrors<CoreErrorCode>(CORE_ERRORS);

/** Collects validation problems, then throws them all at once (or not at all). */
export class Problems {
  readonly list: ProblemDetail[] = [];
  add(problem: ProblemDetail): void {
    this.list.push(problem);
  }
  get isEmpty(): boolean {
    return this.list.length === 0;
  }
  throwIfAny(message = 'There is a problem with what was sent'): void {
    if (this.list.length > 0) throw coreError('CORE_VALIDATION', message, this.list);
  }
}
