/**
 * What the exchange's service, access-right and operations pages share: the authority each
 * page plugin opens, the actor a signed-in request acts as, form values (urlencoded or
 * multipart), and the authority's errors turned into a GOV.UK error summary — each problem
 * linked to the field it is about. The rules themselves stay in the authority's functions:
 * a page only passes what was typed and shows what they say.
 */
import { JoineryError, requireSignIn, type Database, type JoineryConfig } from '@joinery/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { openAuthority, type AuthorityContext } from '../authority/context.ts';

export interface ExchangePageOptions {
  database: Database;
  config: Pick<JoineryConfig, 'dataDir'> & { exchangeKey?: string };
  /** Built from the database and config when not given (tests pass one with their own clock). */
  authority?: AuthorityContext;
}

/** The authority the pages act on, and sign-in for every page of the plugin. */
export function pageAuthority(app: FastifyInstance, { database, config, authority }: ExchangePageOptions): AuthorityContext {
  app.addHook('preHandler', async (request) => requireSignIn(request));
  return authority ?? openAuthority(database, { dataDir: config.dataDir, exchangeKey: config.exchangeKey });
}

// One reading of actors, repeated fields and uploads for every exchange page (page-kit.ts).
export { actorOf, formFile, formList, type UploadedFile } from './page-kit.ts';

/** Every text field of a form, trimmed; a repeated field (checkboxes) gives its first value here. */
export function formValues(request: FastifyRequest): Record<string, string> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') values[key] = first.trim();
  }
  return values;
}

export interface FormErrors {
  status: number;
  /** For the layout's error summary. */
  errors: { text: string; href: string }[];
  /** The first problem of each field, by the field's element id. */
  fieldErrors: Record<string, { text: string }>;
}

export interface FieldMap {
  /** The element id a problem's field belongs to (undefined: the form's first field). */
  idOf(field: string | undefined): string;
  /** Where a problem without a field (e.g. "the member has no gateway gw9") belongs, by error code. */
  byCode?: Record<string, string>;
}

/**
 * A refusal the form can show: the authority's problems, each linked to its field. Refusals a
 * form cannot help with — permission (403, audited by the authority), an unknown federation,
 * server faults — are thrown on to the server's error page.
 */
export function formErrors(error: unknown, fields: FieldMap): FormErrors {
  if (
    !(error instanceof JoineryError) ||
    !error.code.startsWith('EXCHANGE_') ||
    error.status >= 500 ||
    error.code === 'EXCHANGE_FORBIDDEN' ||
    error.code === 'EXCHANGE_FEDERATION_UNKNOWN' ||
    error.code === 'EXCHANGE_FEDERATION_NOT_HOSTED'
  )
    throw error;
  const problems = error.details.length ? error.details : [{ message: error.message, field: fields.byCode?.[error.code] }];
  const errors = problems.map((p) => ({ text: p.message, href: `#${fields.idOf(p.field)}` }));
  const fieldErrors: Record<string, { text: string }> = {};
  for (const p of problems) fieldErrors[fields.idOf(p.field)] ??= { text: p.message };
  return { status: error.status, errors, fieldErrors };
}

/** The breadcrumbs every federation page starts with (the overview pages are the federation's). */
export const federationCrumbs = (federation: { code: string; name: string }) => [
  { text: 'Data exchange', href: '/exchange' },
  { text: federation.name, href: `/exchange/federations/${encodeURIComponent(federation.code)}` },
];

/** A path segment of an identifier with slashes in it, e.g. a service id, each part escaped. */
export const idPath = (id: string): string => id.split('/').map(encodeURIComponent).join('/');
