/**
 * @joinery/server — the HTTP server, composed from every room's plugin.
 * @example
 * import { startServer } from '@joinery/server';
 * const server = await startServer(loadConfig());
 */
export { buildApp, VERSION, type AppOptions } from './app.ts';
export { startServer, closeOnSignals, type RunningServer } from './server.ts';
export { loadDemo, loadDemoRegisters, type DemoLoadOptions, type DemoLoadReport } from './demo.ts';
export { toOrganisations } from '@joinery/scenario';
export { loadDemoEstate, type DemoEstateReport } from './demo-estate.ts';
export { MIGRATIONS } from './migrations.ts';
