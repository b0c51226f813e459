/**
 * The authority's pure parts, without a database: enrolment tokens, OpenAPI checks (fuzzed:
 * whatever JSON arrives, the answer is a JoineryError or a result, never a crash), member
 * classes, and the key-encryption key's file.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JoineryError } from '@joinery/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkOpenApiDescription,
  deriveOperationId,
  makeEnrolmentToken,
  memberClassOf,
  openApiSha256,
  readEnrolmentToken,
  resolveExchangeKey,
} from '../../src/authority/index.ts';
import { ADDRESS_API } from './helpers.ts';

const CLAIMS = {
  federation: 'wessex',
  gatewayId: 'wessex/GOV/casterbridge/gw1',
  configurationUrl: 'http://localhost:3000/api/exchange/federations/wessex/configuration',
  signingKeyId: 'ab'.repeat(32),
};

describe('enrolment tokens', () => {
  it('carry their claims and a secret whose hash is what is stored', () => {
    const { token, secretSha256 } = makeEnrolmentToken(CLAIMS);
    expect(readEnrolmentToken(token)).toEqual({ claims: CLAIMS, secretSha256 });
    expect(makeEnrolmentToken(CLAIMS).token).not.toBe(token);
  });

  it('anything else reads as no token, without throwing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constant('jx1.e30.AAAA'), fc.anything()), (value) => {
        expect(readEnrolmentToken(value)).toBeUndefined();
      }),
    );
    const { token } = makeEnrolmentToken(CLAIMS);
    const [, header, secret] = token.split('.');
    const claims = (g: string, f = 'wessex') =>
      `jx1.${Buffer.from(JSON.stringify({ f, g, u: 'x', k: 'ab'.repeat(32) })).toString('base64url')}.${secret}`;
    expect(readEnrolmentToken(claims('wessex/GOV/casterbridge'))).toBeUndefined();
    expect(readEnrolmentToken(claims('wessex/GOV/casterbridge/gw1', 'other'))).toBeUndefined();
    expect(readEnrolmentToken(`jx1.${header}.${secret}x`)).toBeUndefined();
  });
});

describe('OpenAPI descriptions', () => {
  it('extracts operations and hashes the JCS form (key order and spacing do not matter)', () => {
    const checked = checkOpenApiDescription(ADDRESS_API);
    expect(checked.operations).toEqual([
      { operationId: 'getAddress', method: 'GET', path: '/addresses/{uprn}' },
      { operationId: 'searchAddresses', method: 'GET', path: '/addresses' },
    ]);
    const reordered = JSON.parse(JSON.stringify({ paths: ADDRESS_API.paths, info: ADDRESS_API.info, openapi: '3.1.0' }));
    expect(openApiSha256(reordered)).toBe(checked.sha256);
    expect(checked.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('derives operationIds deterministically', () => {
    expect(deriveOperationId('get', '/addresses/{uprn}')).toBe('get-addresses-uprn');
    expect(deriveOperationId('POST', '/')).toBe('post-root');
  });

  it('any JSON value is either accepted or refused with a JoineryError listing problems', () => {
    const arbitraryDocument = fc.record(
      {
        openapi: fc.oneof(fc.constant('3.1.0'), fc.constant('3.0.3'), fc.string(), fc.integer()),
        info: fc.oneof(fc.record({ title: fc.string(), version: fc.string() }), fc.jsonValue()),
        paths: fc.oneof(
          fc.dictionary(
            fc.string(),
            fc.dictionary(fc.constantFrom('get', 'post', 'trace', 'x'), fc.oneof(fc.record({ operationId: fc.string() }), fc.jsonValue())),
          ),
          fc.jsonValue(),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(arbitraryDocument, fc.jsonValue()), (document) => {
        try {
          const checked = checkOpenApiDescription(document);
          expect(checked.operations.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(JoineryError);
          expect((error as JoineryError).code).toMatch(/^EXCHANGE_OPENAPI_/);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('member classes', () => {
  it('follow the organisation type', () => {
    expect(['county-council', 'police', 'fire', 'school', 'combined-authority'].map(memberClassOf)).toEqual([
      'GOV',
      'GOV',
      'GOV',
      'GOV',
      'GOV',
    ]);
    expect(['nhs-trust', 'integrated-care-board', 'gp-practice'].map(memberClassOf)).toEqual(['NHS', 'NHS', 'NHS']);
    expect(memberClassOf('housing-association')).toBe('NGO');
    expect(memberClassOf('other')).toBe('COM');
  });
});

describe('the key-encryption key', () => {
  it('is generated once into the data folder, readable by its owner only', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'joinery-exchange-key-'));
    const key = resolveExchangeKey({ dataDir }, {});
    expect(key).toHaveLength(32);
    expect(resolveExchangeKey({ dataDir }, {})).toEqual(key);
    const file = join(dataDir, 'exchange-key');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toEqual(key);
  });

  it('comes from JOINERY_EXCHANGE_KEY when set, which must be 32 bytes', () => {
    const given = Buffer.alloc(32, 7);
    expect(resolveExchangeKey({ dataDir: '/nonexistent' }, { JOINERY_EXCHANGE_KEY: given.toString('base64') })).toEqual(given);
    expect(() => resolveExchangeKey({ dataDir: '/nonexistent' }, { JOINERY_EXCHANGE_KEY: 'c2hvcnQ=' })).toThrow(/32 random bytes/);
    expect(resolveExchangeKey({ dataDir: 'memory://' }, {})).toEqual(resolveExchangeKey({ dataDir: 'memory://' }, {}));
  });
});
