/**
 * A service's OpenAPI 3.1 document as a person reads it on the service's page: what it says it
 * is (info, OpenAPI 3.1.0 §4.8.2), where it says it runs (servers, §4.8.5), and each
 * operation's summary (§4.8.10) beside the method, path and operationId the authority took from
 * it. Which operationIds Joinery made up is asked of the authority's own check, not worked out
 * again here.
 */
import { JoineryError } from '@joinery/core';
import { checkOpenApiDescription } from '../authority/openapi-description.ts';
import type { ServiceOperation } from '../authority/model.ts';
import { authorityError } from '../authority/errors.ts';

export interface ReadableDescription {
  title: string;
  version: string;
  description: string;
  servers: string[];
  operations: (ServiceOperation & { summary: string; isDerived: boolean })[];
  derivedOperationIds: string[];
  bytes: number;
}

const text = (value: unknown, max = 600): string => {
  if (typeof value !== 'string') return '';
  const trimmed = value.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
};
const objectOf = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** @example const readable = readableDescription(document, service.operations); */
export function readableDescription(document: Record<string, unknown>, operations: ServiceOperation[]): ReadableDescription {
  let derived: string[] = [];
  try {
    derived = checkOpenApiDescription(document).derivedOperationIds;
  } catch (error) {
    // A stored document was checked when it was registered; should the rules tighten later, still show it.
    if (!(error instanceof JoineryError)) throw error;
  }
  const info = objectOf(document.info);
  const paths = objectOf(document.paths);
  const servers = Array.isArray(document.servers) ? document.servers.map((s) => text(objectOf(s).url, 200)).filter(Boolean) : [];
  return {
    title: text(info.title, 200),
    version: text(info.version, 60),
    description: text(info.description),
    servers: servers.slice(0, 10),
    operations: operations.map((o) => {
      const operation = objectOf(objectOf(paths[o.path])[o.method.toLowerCase()]);
      return {
        ...o,
        summary: text(operation.summary, 200) || text(operation.description, 200),
        isDerived: derived.includes(o.operationId),
      };
    }),
    derivedOperationIds: derived,
    bytes: Buffer.byteLength(JSON.stringify(document), 'utf8'),
  };
}

/**
 * The document a form sent — an uploaded file, else the pasted text — parsed as JSON; undefined
 * when neither was given (the authority then says a document is needed).
 */
export function documentFromForm(file: { filename: string; content: Buffer } | undefined, pasted: string | undefined): unknown {
  const source = file ? file.content.toString('utf8') : (pasted ?? '');
  if (!source.trim()) return undefined;
  try {
    return JSON.parse(source.replace(/^\uFEFF/, ''));
  } catch (error) {
    const where = file ? `${file.filename.slice(0, 100)} is` : 'The pasted document is';
    const message = `${where} not JSON (${(error as Error).message.slice(0, 120)}): Joinery reads OpenAPI 3.1 documents as JSON, so convert a YAML one first`;
    throw authorityError('EXCHANGE_OPENAPI_INVALID', message, [{ field: 'openApi', message }]);
  }
}
