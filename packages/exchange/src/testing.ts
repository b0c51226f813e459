/**
 * @joinery/exchange/testing — a federation in a box for tests outside this package (the
 * server's page tests make real evidence with it): a CA, a timestamping authority, a stand-in
 * authority serving the signed configuration, and gateway folders with real keys.
 * @example
 * const federation = await createTestFederation({ instance: 'wessex' });
 * const provider = await federation.addGateway({ memberCode: 'wessex-council', subsystems: ['addresses'] });
 */
export { createTestFederation, type TestFederation, type TestGateway, type TestGatewaySpec } from './testing/test-federation.ts';
