/**
 * Which of a service's operations a request is: its method and path matched against the
 * OpenAPI path templates (`/addresses/{uprn}`, `/electors/{id}.json`) the provider registered.
 * Grants are per operation, so both gateways must agree on this; literal segments win over
 * partly templated ones, and those over wholly templated ones (OpenAPI 3.1 §4.8.8.2: "concrete
 * paths are matched before templated paths").
 */
import type { ConfigurationOperation } from '../configuration/model.ts';

interface CompiledOperation {
  operation: ConfigurationOperation;
  method: string;
  segments: Segment[];
  specificity: number;
}

/** A literal segment, a wholly templated one (`{uprn}`), or one mixing the two (`{id}.json`). */
type Segment = { literal: string } | { template: RegExp | null };

const SPECIFICITY = { literal: 2, mixed: 1, whole: 0 };

function compileSegment(part: string): { segment: Segment; specificity: number } {
  if (!part.includes('{')) return { segment: { literal: part }, specificity: SPECIFICITY.literal };
  if (/^\{[^}]+\}$/.test(part)) return { segment: { template: null }, specificity: SPECIFICITY.whole };
  // Each {name} stands for at least one character; the text around it must match exactly.
  const pattern = part
    .split(/\{[^}]+\}/)
    .map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+?');
  return { segment: { template: new RegExp(`^${pattern}$`, 's') }, specificity: SPECIFICITY.mixed };
}

function segmentMatches(segment: Segment, value: string): boolean {
  if ('literal' in segment) return segment.literal === value;
  return segment.template === null || segment.template.test(value);
}

const cache = new WeakMap<ConfigurationOperation[], CompiledOperation[]>();

function compile(operations: ConfigurationOperation[]): CompiledOperation[] {
  let compiled = cache.get(operations);
  if (!compiled) {
    compiled = operations.map((operation) => {
      const parts = operation.path.split('/').filter(Boolean).map(compileSegment);
      return {
        operation,
        method: operation.method.toUpperCase(),
        segments: parts.map((part) => part.segment),
        specificity: parts.reduce((sum, part) => sum + part.specificity, 0),
      };
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
    if (!candidate.segments.every((part, i) => segmentMatches(part, segments[i]!))) continue;
    if (!best || candidate.specificity > best.specificity) best = candidate;
  }
  return best?.operation;
}
