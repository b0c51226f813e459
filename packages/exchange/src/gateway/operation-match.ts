/**
 * Which of a service's operations a request is: its method and path matched against the
 * OpenAPI path templates (`/addresses/{uprn}`) the provider registered. Grants are per
 * operation, so both gateways must agree on this; literal segments win over templated ones
 * (OpenAPI 3.1 §4.8.8.2: "concrete paths are matched before templated paths").
 */
import type { ConfigurationOperation } from '../configuration/model.ts';

interface CompiledOperation {
  operation: ConfigurationOperation;
  method: string;
  segments: (string | null)[]; // null: a {template} segment
  literalCount: number;
}

const cache = new WeakMap<ConfigurationOperation[], CompiledOperation[]>();

function compile(operations: ConfigurationOperation[]): CompiledOperation[] {
  let compiled = cache.get(operations);
  if (!compiled) {
    compiled = operations.map((operation) => {
      const segments = operation.path
        .split('/')
        .filter(Boolean)
        .map((part) => (/^\{[^}]+\}$/.test(part) ? null : part));
      return { operation, method: operation.method.toUpperCase(), segments, literalCount: segments.filter((s) => s !== null).length };
    });
    cache.set(operations, compiled);
  }
  return compiled;
}

/**
 * @example matchOperation(service.operations, 'GET', '/addresses/100040001') → { operationId: 'getAddress', … }
 * `path` is the part after the service id, without the query.
 */
export function matchOperation(operations: ConfigurationOperation[], method: string, path: string): ConfigurationOperation | undefined {
  let segments: string[];
  try {
    segments = path
      .split('/')
      .filter(Boolean)
      .map((part) => decodeURIComponent(part));
  } catch {
    return undefined;
  }
  let best: CompiledOperation | undefined;
  for (const candidate of compile(operations)) {
    if (candidate.method !== method.toUpperCase() || candidate.segments.length !== segments.length) continue;
    if (!candidate.segments.every((part, i) => part === null || part === segments[i])) continue;
    if (!best || candidate.literalCount > best.literalCount) best = candidate;
  }
  return best?.operation;
}
