/**
 * The address register as an exchange service: the successor council's canonical register
 * (keyed by UPRN) offered to partners through its gateway, so that housing, waste or NHS systems
 * check and match addresses against one source instead of keeping their own copies.
 * It listens on loopback and answers only its own gateway (X-Joinery-Gateway-Token).
 */
import { getProperty, matchAddress, searchAddresses } from '@joinery/registers';
import type { Database } from '@joinery/core';
import { JoineryError } from '@joinery/core';
import { backendServer, type BackendServer } from './backend-server.ts';

export const ADDRESS_REGISTER_OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Wessex address register',
    version: '1.0.0',
    description:
      'Addresses keyed by UPRN, merged from the predecessor councils’ gazetteers; free-text addresses matched to UPRNs with an explanation.',
  },
  paths: {
    '/addresses': {
      get: {
        operationId: 'searchAddresses',
        summary: 'Find addresses by postcode, UPRN or words',
        parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string', maxLength: 200 } }],
        responses: { '200': { description: 'Matching addresses', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
    '/addresses/{uprn}': {
      get: {
        operationId: 'getAddress',
        summary: 'One address and which gazetteers hold it',
        parameters: [{ name: 'uprn', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{1,12}$' } }],
        responses: {
          '200': { description: 'The property', content: { 'application/json': { schema: { type: 'object' } } } },
          '404': { description: 'No such UPRN' },
        },
      },
    },
    '/matches': {
      post: {
        operationId: 'matchAddress',
        summary: 'Match a free-text address to a UPRN',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', required: ['address'], properties: { address: { type: 'string', maxLength: 500 } } },
            },
          },
        },
        responses: {
          '200': {
            description: 'The outcome and the best candidates, explained',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        },
      },
    },
  },
} as const;

export function startAddressRegisterService(database: Database, token: string, port = 0): Promise<BackendServer> {
  return backendServer({ token, port, name: 'address register' }, async ({ method, path, query, json }) => {
    try {
      if (method === 'GET' && path === '/addresses')
        return { status: 200, body: await searchAddresses(database, query.get('q') ?? '', 20) };
      const one = /^\/addresses\/([^/]+)$/.exec(path);
      if (method === 'GET' && one) return { status: 200, body: await getProperty(database, decodeURIComponent(one[1]!)) };
      if (method === 'POST' && path === '/matches') {
        const address = (json() as { address?: unknown } | undefined)?.address;
        if (typeof address !== 'string' || address.trim() === '') return { status: 400, body: { message: 'Send {"address": "…"}' } };
        return { status: 200, body: await matchAddress(database, address.slice(0, 500)) };
      }
      return { status: 404, body: { message: `No ${method} ${path}` } };
    } catch (error) {
      if (error instanceof JoineryError) return { status: error.status, body: { code: error.code, message: error.message } };
      throw error;
    }
  });
}
