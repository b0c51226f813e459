import { describe, expect, test } from 'vitest';
import type { ConfigurationOperation } from '../../src/configuration/model.ts';
import { matchOperation } from '../../src/gateway/operation-match.ts';

const operations: ConfigurationOperation[] = [
  { operationId: 'getAddress', method: 'get', path: '/addresses/{uprn}' },
  { operationId: 'searchAddresses', method: 'get', path: '/addresses/search' },
  { operationId: 'getElector', method: 'get', path: '/electors/{id}.json' },
  { operationId: 'getElectorAny', method: 'get', path: '/electors/{id}' },
  { operationId: 'getRange', method: 'get', path: '/ranges/{from}-{to}' },
  { operationId: 'addMatch', method: 'post', path: '/matches' },
];

const idOf = (method: string, path: string) => matchOperation(operations, method, path)?.operationId;

describe('matching a request to an operation', () => {
  test('a wholly templated segment takes any value; a literal one wins over it', () => {
    expect(idOf('GET', '/addresses/100040001')).toBe('getAddress');
    expect(idOf('GET', '/addresses/search')).toBe('searchAddresses');
  });

  test('a template inside a segment (OpenAPI allows it) matches, and wins over a whole-segment template', () => {
    expect(idOf('GET', '/electors/E-1042.json')).toBe('getElector');
    expect(idOf('GET', '/electors/E-1042')).toBe('getElectorAny');
    expect(idOf('GET', '/ranges/10-20')).toBe('getRange');
  });

  test('the text around a template must match exactly, and the template stands for something', () => {
    const only = [{ operationId: 'getElector', method: 'get', path: '/electors/{id}.json' }] as ConfigurationOperation[];
    expect(matchOperation(only, 'GET', '/electors/.json')).toBeUndefined();
    expect(matchOperation(only, 'GET', '/electors/E-1042.jsonx')).toBeUndefined();
    expect(matchOperation(only, 'GET', '/electors/E-1042xjson')).toBeUndefined();
    expect(matchOperation(only, 'GET', '/electors/E-1042.json/more')).toBeUndefined();
  });

  test('method and segment count must agree; an undecodable path matches nothing', () => {
    expect(idOf('POST', '/addresses/1')).toBeUndefined();
    expect(idOf('GET', '/matches')).toBeUndefined();
    expect(idOf('post', '/matches')).toBe('addMatch');
    expect(idOf('GET', '/addresses/%E0%A4%A')).toBeUndefined();
  });
});
