/**
 * A service's OpenAPI 3.1 description, checked before the authority publishes its hash: the
 * version is 3.1.x (OpenAPI 3.1.0 §4.8.1 `openapi`), `info` has a title and version (§4.8.2),
 * `paths` has at least one operation (§4.8.8), every path starts with "/" (§4.8.8.1) and every
 * operation has a unique operationId (§4.8.10.1: "The id MUST be unique among all operations").
 * An operation without one gets `<method>-<path>` (e.g. get-addresses-uprn) and the result says
 * which were derived. The document is hashed in its RFC 8785 canonical form (JCS) so that the
 * gateway, holding the same JSON, computes the same hash whatever its key order or spacing.
 * Big or hostile documents are refused with every problem listed: at most 1 MB, 64 levels deep,
 * 2,000 operations, no NUL characters (PostgreSQL's jsonb cannot store them).
 */
import { createHash } from 'node:crypto';
import { Problems, type ProblemDetail } from '@joinery/core';
import { canonicalJson } from '../configuration/signature.ts';
import { authorityError } from './errors.ts';
import type { ServiceOperation } from './model.ts';

export const OPENAPI_MAX_BYTES = 1_048_576;
const MAX_DEPTH = 64;
const MAX_OPERATIONS = 2000;
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

export interface CheckedDescription {
  /** The document as stored and served (a plain JSON copy). */
  document: Record<string, unknown>;
  /** SHA-256 (hex) of its JCS form. */
  sha256: string;
  operations: ServiceOperation[];
  /** operationIds made up for operations that had none. */
  derivedOperationIds: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `<method>-<path>` with the path's segments joined by hyphens and template braces dropped: get /addresses/{uprn} → get-addresses-uprn. */
export function deriveOperationId(method: string, path: string): string {
  const slug = path
    .replace(/[{}]/g, '')
    .split('/')
    .filter(Boolean)
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${method.toLowerCase()}-${slug || 'root'}`.slice(0, 200);
}

/** Depth and NUL characters, walked without recursion (a hostile document may nest 100,000 deep). */
function checkShape(document: unknown, problems: Problems): void {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: document, depth: 0, path: '' }];
  let reportedNul = false;
  while (stack.length) {
    const { value, depth, path } = stack.pop()!;
    if (depth > MAX_DEPTH) {
      problems.add({ field: path || '/', message: `The document nests deeper than ${MAX_DEPTH} levels (at ${path.slice(0, 200)})` });
      return;
    }
    if (typeof value === 'string' && value.includes('\u0000') && !reportedNul) {
      problems.add({ field: path, message: `A value contains a NUL character (at ${path.slice(0, 200)})` });
      reportedNul = true;
    }
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, depth: depth + 1, path: `${path}/${i}` }));
    else if (isObject(value))
      for (const [k, v] of Object.entries(value)) {
        if (k.includes('\u0000') && !reportedNul) {
          problems.add({ field: path, message: `A key contains a NUL character (at ${path.slice(0, 200)})` });
          reportedNul = true;
        }
        stack.push({ value: v, depth: depth + 1, path: `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}` });
      }
  }
}

/**
 * Checks a description and extracts its operations, or throws EXCHANGE_OPENAPI_INVALID with
 * every problem (EXCHANGE_OPENAPI_TOO_LARGE when it is over 1 MB).
 * @example const { sha256, operations } = checkOpenApiDescription(JSON.parse(text));
 */
export function checkOpenApiDescription(input: unknown): CheckedDescription {
  let text: string;
  try {
    text = JSON.stringify(input) ?? '';
  } catch {
    throw authorityError('EXCHANGE_OPENAPI_INVALID', 'The service description is not JSON');
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > OPENAPI_MAX_BYTES)
    throw authorityError(
      'EXCHANGE_OPENAPI_TOO_LARGE',
      `The service description is ${bytes.toLocaleString('en-GB')} bytes; at most ${OPENAPI_MAX_BYTES.toLocaleString('en-GB')} are accepted`,
    );
  const document: unknown = text ? JSON.parse(text) : undefined;
  const problems = new Problems();
  if (!isObject(document))
    throw authorityError('EXCHANGE_OPENAPI_INVALID', 'The service description must be a JSON object (an OpenAPI 3.1 document)', [
      { field: '/', message: 'Send the OpenAPI document as a JSON object' },
    ]);
  checkShape(document, problems);
  if (typeof document.openapi !== 'string' || !/^3\.1\.\d+$/.test(document.openapi))
    problems.add({
      field: '/openapi',
      message: `The document must be OpenAPI 3.1 ("openapi": "3.1.0"); it says ${document.openapi === undefined ? 'nothing' : JSON.stringify(document.openapi).slice(0, 40)}${typeof document.openapi === 'string' && document.openapi.startsWith('3.0') ? ': convert it from 3.0 (nullable becomes type arrays, examples become arrays)' : ''}`,
    });
  if (!isObject(document.info))
    problems.add({ field: '/info', message: 'The document must have an "info" object with a title and a version' });
  else {
    if (typeof document.info.title !== 'string' || !document.info.title.trim())
      problems.add({ field: '/info/title', message: 'info.title must be a non-empty string' });
    if (typeof document.info.version !== 'string' || !document.info.version.trim())
      problems.add({ field: '/info/version', message: 'info.version must be a non-empty string' });
  }
  const operations: ServiceOperation[] = [];
  const derivedOperationIds: string[] = [];
  if (!isObject(document.paths) || Object.keys(document.paths).length === 0)
    problems.add({
      field: '/paths',
      message: 'The document must have "paths" with at least one operation: a service with no operations cannot be granted',
    });
  else {
    const seen = new Map<string, string>();
    for (const [path, item] of Object.entries(document.paths)) {
      const where = `/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (!path.startsWith('/') || path.length > 500 || /[?#\s]/.test(path)) {
        problems.add({
          field: where,
          message: `The path "${path.slice(0, 80)}" must start with "/" and have no spaces, query or fragment (at most 500 characters)`,
        });
        continue;
      }
      if (!isObject(item)) {
        problems.add({ field: where, message: `The path item for ${path.slice(0, 80)} must be an object` });
        continue;
      }
      if ('trace' in item)
        problems.add({ field: `${where}/trace`, message: `TRACE (${path.slice(0, 80)}) is not carried by the exchange` });
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (operation === undefined) continue;
        if (!isObject(operation)) {
          problems.add({
            field: `${where}/${method}`,
            message: `${method.toUpperCase()} ${path.slice(0, 80)} must be an operation object`,
          });
          continue;
        }
        let id = operation.operationId;
        if (id === undefined) {
          id = deriveOperationId(method, path);
          derivedOperationIds.push(id as string);
        } else if (typeof id !== 'string' || !id.trim() || id.length > 200 || id === '*') {
          problems.add({
            field: `${where}/${method}/operationId`,
            message: `The operationId of ${method.toUpperCase()} ${path.slice(0, 80)} must be 1 to 200 characters, and not "*"`,
          });
          continue;
        }
        const operationId = id as string;
        const previous = seen.get(operationId);
        if (previous)
          problems.add({
            field: `${where}/${method}/operationId`,
            message: `operationId "${operationId.slice(0, 80)}" is used by ${previous} and ${method.toUpperCase()} ${path.slice(0, 80)}: each must be unique`,
          });
        seen.set(operationId, `${method.toUpperCase()} ${path.slice(0, 80)}`);
        operations.push({ operationId, method: method.toUpperCase(), path });
      }
    }
    if (operations.length === 0 && problems.isEmpty)
      problems.add({ field: '/paths', message: 'The paths have no operations (get, put, post, delete, patch, head or options)' });
    if (operations.length > MAX_OPERATIONS)
      problems.add({
        field: '/paths',
        message: `The document has ${operations.length} operations; at most ${MAX_OPERATIONS} are accepted`,
      });
  }
  if (!problems.isEmpty) throw openApiProblems(problems.list);
  return { document, sha256: openApiSha256(document), operations, derivedOperationIds };
}

/** SHA-256 (hex) of the document's JCS form: what the configuration publishes and the gateway checks. */
export const openApiSha256 = (document: unknown): string => createHash('sha256').update(canonicalJson(document)).digest('hex');

const openApiProblems = (list: ProblemDetail[]) =>
  authorityError(
    'EXCHANGE_OPENAPI_INVALID',
    `The service description has ${list.length === 1 ? 'a problem' : `${list.length} problems`}: ${list[0]!.message}${list.length > 1 ? ' …' : ''}`,
    list.slice(0, 200),
  );
