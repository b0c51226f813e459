/**
 * What every exchange page shares: the options each page group is given, form fields read as
 * strings, a refused change turned into a GOV.UK error summary, dates in words, and who may
 * see which forms. The forms shown are a courtesy: the authority's functions decide, and audit
 * refusals, whatever a page shows.
 */
import { JoineryError, type Database, type JoineryConfig } from '@joinery/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/view';
import { isAllowed, type Actor } from '../authority/actor.ts';
import type { AuthorityContext } from '../authority/context.ts';
import { actorOf } from '../authority/http-schemas.ts';
import type { Federation } from '../authority/model.ts';

export { actorOf };

export interface PageGroupOptions {
  authority: AuthorityContext;
  database: Database;
  config: Pick<JoineryConfig, 'dataDir' | 'publicUrl'>;
}

/** A group of pages: one Fastify plugin function, registered inside exchangePages (so sign-in is required). */
export type PageGroup = (app: FastifyInstance, options: PageGroupOptions) => Promise<void>;

// Forms: every value is a string, trimmed; anything else (a file, a list) is blank here.
export function formFields(request: FastifyRequest): Record<string, string> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : '']));
}

/** A field sent several times (checkboxes): its non-blank values. */
export function formList(request: FastifyRequest, name: string): string[] {
  const value = ((request.body ?? {}) as Record<string, unknown>)[name];
  return [value]
    .flat()
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    .map((v) => v.trim());
}

/** An uploaded file, as the server's multipart set-up hands it over ({ filename, mimetype, content }). */
export interface UploadedFile {
  filename: string;
  mimetype: string;
  content: Buffer;
}

export function formFile(request: FastifyRequest, name: string): UploadedFile | undefined {
  const value = ((request.body ?? {}) as Record<string, unknown>)[name] as Partial<UploadedFile> | undefined;
  if (!value || typeof value !== 'object' || !Buffer.isBuffer(value.content) || value.content.length === 0) return undefined;
  return { filename: String(value.filename ?? ''), mimetype: String(value.mimetype ?? ''), content: value.content };
}

export interface FormErrors {
  errors: { text: string; href?: string }[];
  fieldErrors: Record<string, { text: string }>;
}

/**
 * A service's refusal as the error summary of one form: each problem linked to its input
 * (`inputs` maps the service's field names to the form's input ids); other errors rethrown.
 */
export function formErrors(error: unknown, inputs: Record<string, string>): FormErrors & { status: number } {
  if (!(error instanceof JoineryError)) throw error;
  const fieldErrors: Record<string, { text: string }> = {};
  const linked = (field: string | undefined) => (field ? (inputs[field] ?? inputs[field.split(/[/.]/)[0]!]) : undefined);
  const errors = error.details.length
    ? error.details.map((d) => {
        const id = linked(d.field);
        if (id) fieldErrors[id] ??= { text: d.message };
        return id ? { text: d.message, href: `#${id}` } : { text: d.message };
      })
    : [{ text: error.message }];
  return { errors, fieldErrors, status: error.status };
}

/** A form that came back: which one, what was typed, and its problems. */
export interface FormState extends Partial<FormErrors> {
  name?: string;
  values?: Record<string, string>;
}

/**
 * Runs a form's change, then redirects (303) to `redirectTo` (or answers with `respond`). A blank required choice (the
 * member to revoke: the service could not even find what the change is about) or the service's
 * refusal brings the page back with an error summary, what was typed, and the error's status.
 */
export async function submitForm<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    name: string;
    /** The service's field names → the form's input ids (for the error summary's links). */
    inputs: Record<string, string>;
    /** Form fields that must be chosen → the problem when blank. */
    required?: Record<string, string>;
    run: (f: Record<string, string>) => Promise<T>;
    /** Where to go once done (303); or `respond` to answer with a page of its own (a token shown once). */
    redirectTo?: string;
    respond?: (reply: FastifyReply, result: T) => Promise<unknown>;
    show: (reply: FastifyReply, form: FormState) => Promise<unknown>;
  },
) {
  const f = formFields(request);
  const missing = Object.entries(options.required ?? {}).filter(([field]) => !f[field]);
  if (missing.length) {
    const id = (field: string) => options.inputs[field] ?? field;
    return options.show(reply.code(400), {
      name: options.name,
      values: f,
      errors: missing.map(([field, text]) => ({ text, href: `#${id(field)}` })),
      fieldErrors: Object.fromEntries(missing.map(([field, text]) => [id(field), { text }])),
    });
  }
  let result: T;
  try {
    result = await options.run(f);
  } catch (error) {
    const { status, ...problems } = formErrors(error, options.inputs);
    return options.show(reply.code(status), { name: options.name, values: f, ...problems });
  }
  if (options.respond) return options.respond(reply, result);
  return reply.redirect(options.redirectTo ?? request.url, 303);
}

/** The values typed into one form of a page with several, when it is the one that came back. */
export const valuesOf = (form: FormState, name: string): Record<string, string> => (form.name === name ? (form.values ?? {}) : {});

/** The error summary for a problem found by the page itself (a file that is not JSON). */
export const pageError = (text: string, href?: string): FormErrors => ({
  errors: [href ? { text, href } : { text }],
  fieldErrors: href ? { [href.slice(1)]: { text } } : {},
});

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2 March 2026" (UTC), as GOV.UK writes dates. */
export function dayInWords(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "2 Mar 2026", for tables. */
export function shortDay(value: string | Date | null | undefined): string {
  const words = dayInWords(value);
  return words.replace(/ ([A-Z][a-z]{2})[a-z]+ /, ' $1 ');
}

/** "2 March 2026, 09:05 UTC". */
export function instantInWords(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return `${dayInWords(d)}, ${d.toISOString().slice(11, 16)} UTC`;
}

/** Whether the actor is among the federation's operators (to show their forms; the services still decide). */
export const mayOperate = (actor: Actor, federation: Pick<Federation, 'operatorOrganisationCode'>): boolean =>
  isAllowed(actor, { administrators: [federation.operatorOrganisationCode] });

/** Whether the actor administers an organisation (to show a member's forms). */
export const mayAdminister = (actor: Actor, organisationCode: string | null | undefined): boolean =>
  isAllowed(actor, { administrators: [organisationCode] });

/** The organisations the signed-in user administers. */
export function administeredOrganisations(request: FastifyRequest): { organisationCode: string; organisationName: string }[] {
  return (request.user?.memberships ?? [])
    .filter((m) => m.roles.includes('admin'))
    .map((m) => ({ organisationCode: m.organisationCode, organisationName: m.organisationName }));
}

/** Options for a govukSelect, with one chosen. */
export const selectItems = (options: { value: string; text: string }[], chosen: string | undefined, blank?: string) => [
  ...(blank !== undefined ? [{ value: '', text: blank }] : []),
  ...options.map((o) => ({ ...o, selected: o.value === chosen })),
];

/** "1 member", "3 members". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A path segment for a URL. */
export const segment = (value: string) => encodeURIComponent(value);
