/**
 * The view of an HTTP message the signing layer reads: method, absolute target URI, status and
 * headers (names in any case), so that one code path serves Node's IncomingMessage, undici's
 * responses and hand-made test messages alike.
 */
import { SignatureProblem, excerpt } from './errors.ts';

/** The parts of an HTTP message a signature can cover; header names in any case. */
export interface HttpMessage {
  method?: string;
  /** The absolute target URI of a request, e.g. `https://gw.budmouth.example:8443/r1/wessex/GOV/…`. */
  targetUri?: string;
  /** Set for a response, absent for a request. */
  status?: number;
  headers: Record<string, string | string[] | undefined>;
}

const missing = (message: string) => new SignatureProblem('missing-component', message);

type Role = 'request' | 'response' | 'related request';

/** One message as the base builder reads it: header names lowercased and the target URI parsed, once, on first use. */
export class MessageView {
  readonly role: Role;
  private fields: Map<string, string[]> | undefined;
  private url: URL | undefined;

  constructor(
    readonly message: HttpMessage,
    related = false,
  ) {
    this.role = related ? 'related request' : message.status === undefined ? 'request' : 'response';
  }

  /** Every value of a header, in order (RFC 9110 §5.2), or undefined when absent. */
  fieldValues(name: string): string[] | undefined {
    if (!this.fields) {
      this.fields = new Map();
      const headers = this.message.headers;
      for (const key of Object.keys(headers)) {
        const value = headers[key];
        if (value === undefined) continue;
        const lower = key.toLowerCase();
        const list = this.fields.get(lower) ?? [];
        if (Array.isArray(value)) for (const one of value) list.push(String(one));
        else list.push(String(value));
        this.fields.set(lower, list);
      }
    }
    return this.fields.get(name);
  }

  /** A header's values combined as RFC 9421 §2.1 does: each trimmed, joined with ", ". */
  field(name: string): string | undefined {
    const values = this.fieldValues(name);
    if (values === undefined) return undefined;
    return values.length === 1 ? trimWhitespace(values[0]!) : values.map(trimWhitespace).join(', ');
  }

  target(): URL {
    if (this.url) return this.url;
    const uri = this.message.targetUri;
    if (!uri) throw missing(`The ${this.role} has no target URI, which the signature is to cover`);
    try {
      this.url = new URL(uri);
    } catch {
      throw missing(`The ${this.role}'s target URI ${excerpt(uri)} is not an absolute URL`);
    }
    return this.url;
  }
}

// HTTP's optional whitespace is SP and HTAB only (RFC 9110 §5.6.3): String.prototype.trim would also
// eat U+00A0 and friends. A loop, not a regex, so that a 16 KB run of spaces costs linear time.
function trimWhitespace(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && (value.charCodeAt(start) === 32 || value.charCodeAt(start) === 9)) start++;
  while (end > start && (value.charCodeAt(end - 1) === 32 || value.charCodeAt(end - 1) === 9)) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}
