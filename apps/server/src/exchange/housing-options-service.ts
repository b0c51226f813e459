/**
 * A council's housing options system receiving referrals from the hospital trust under the
 * duty to refer (Homelessness Reduction Act 2017; Housing Act 1996 s.213B): a patient about to
 * be discharged who may be homeless or threatened with homelessness, referred with their
 * consent. Referrals are kept in a JSON-lines file (the demo's stand-in for the council's case
 * management system); each gets a case reference back. Behind a gateway, on loopback.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isValidNhsNumber } from '@joinery/core';
import { backendServer, type BackendServer } from './backend-server.ts';

export const HOUSING_OPTIONS_OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Housing options: duty to refer',
    version: '1.0.0',
    description: 'Referrals of patients who may be homeless or threatened with homelessness on discharge (Housing Act 1996 s.213B).',
  },
  paths: {
    '/referrals': {
      post: {
        operationId: 'referPatient',
        summary: 'Refer a patient to the housing options team',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['nhsNumber', 'name', 'expectedDischargeDate', 'situation', 'hasConsented'],
                properties: {
                  nhsNumber: { type: 'string', pattern: '^\\d{10}$' },
                  name: { type: 'string', maxLength: 200 },
                  dateOfBirth: { type: 'string', format: 'date' },
                  usualAddress: { type: 'string', maxLength: 500 },
                  expectedDischargeDate: { type: 'string', format: 'date' },
                  ward: { type: 'string', maxLength: 100 },
                  situation: { enum: ['homeless', 'threatened-with-homelessness'] },
                  hasConsented: { const: true },
                  contact: { type: 'string', maxLength: 200 },
                },
              },
            },
          },
        },
        responses: {
          '201': { description: 'Referral received; its case reference', content: { 'application/json': { schema: { type: 'object' } } } },
          '400': { description: 'The referral is incomplete' },
        },
      },
    },
    '/referrals/{reference}': {
      get: {
        operationId: 'getReferral',
        summary: 'Where a referral has got to',
        parameters: [{ name: 'reference', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'The referral' }, '404': { description: 'No such referral' } },
      },
    },
  },
} as const;

interface Referral {
  reference: string;
  receivedAt: string;
  referredBy: string;
  status: 'received';
  nhsNumber: string;
  name: string;
  expectedDischargeDate: string;
  situation: string;
  [field: string]: unknown;
}

function problemsOf(body: Record<string, unknown> | undefined): string[] {
  if (!body || typeof body !== 'object') return ['Send the referral as a JSON object'];
  const problems: string[] = [];
  if (typeof body.nhsNumber !== 'string' || !isValidNhsNumber(body.nhsNumber)) problems.push('nhsNumber is not a valid NHS number');
  if (typeof body.name !== 'string' || body.name.trim() === '') problems.push('name is missing');
  if (typeof body.expectedDischargeDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(body.expectedDischargeDate))
    problems.push('expectedDischargeDate is not YYYY-MM-DD');
  if (body.situation !== 'homeless' && body.situation !== 'threatened-with-homelessness')
    problems.push('situation is homeless or threatened-with-homelessness');
  if (body.hasConsented !== true) problems.push('the duty to refer needs the patient’s consent: hasConsented must be true');
  return problems;
}

export function startHousingOptionsService(file: string, token: string, councilName: string, port = 0): Promise<BackendServer> {
  mkdirSync(dirname(file), { recursive: true });
  const referrals = new Map<string, Referral>();
  if (existsSync(file))
    for (const line of readFileSync(file, 'utf8').split('\n'))
      if (line.trim()) {
        const referral = JSON.parse(line) as Referral;
        referrals.set(referral.reference, referral);
      }
  return backendServer({ token, port, name: `${councilName} housing options system` }, async ({ method, path, headers, json }) => {
    if (method === 'POST' && path === '/referrals') {
      const body = json() as Record<string, unknown> | undefined;
      const problems = problemsOf(body);
      if (problems.length > 0) return { status: 400, body: { message: 'The referral cannot be accepted', problems } };
      const reference = `HO-${String(referrals.size + 1).padStart(5, '0')}`;
      const referral: Referral = {
        ...(body as Record<string, unknown>),
        reference,
        receivedAt: new Date().toISOString(),
        referredBy: String(headers['x-road-client'] ?? ''),
        status: 'received',
      } as Referral;
      referrals.set(reference, referral);
      appendFileSync(file, `${JSON.stringify(referral)}\n`);
      return {
        status: 201,
        body: {
          reference,
          receivedAt: referral.receivedAt,
          message: `${councilName}'s housing options team will contact the patient before discharge`,
        },
      };
    }
    const one = /^\/referrals\/([^/]+)$/.exec(path);
    if (method === 'GET' && one) {
      const referral = referrals.get(decodeURIComponent(one[1]!));
      if (!referral || referral.referredBy !== headers['x-road-client'])
        return { status: 404, body: { message: 'No referral with this reference from you' } };
      return { status: 200, body: { reference: referral.reference, status: referral.status, receivedAt: referral.receivedAt } };
    }
    return { status: 404, body: { message: `No ${method} ${path}` } };
  });
}
