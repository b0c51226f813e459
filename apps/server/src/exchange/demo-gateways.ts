/**
 * The demo's data exchange, running: Wessex's systems really call each other through gateways
 * on loopback. On first start each demo gateway enrols with the federation authority (this
 * server) using the one-time token the demo load issued (the hospital's with certificates from
 * its own CA); on every start the hospital's CA publishes its revocation list and the operators
 * apply it, the provider systems
 * (the address register, Casterbridge's housing options) start behind their gateways, and the
 * gateways start from their folders. The first start also makes a few real calls — housing
 * asking the address register, the hospital referring patients at risk of homelessness, a
 * neighbouring federation's council checking an address — so the operations pages and the
 * evidence have something to show.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '@joinery/core';
import { gatewayFiles, initGateway, setGatewayBackend, startGateway, type RunningGateway } from '@joinery/exchange';
import { searchAddresses } from '@joinery/registers';
import { startAddressRegisterService } from './address-register-service.ts';
import type { BackendServer } from './backend-server.ts';
import { applyMemberCaRevocationList, certificatesFromMemberCa, type DemoMemberCa } from './demo-member-ca.ts';
import { startHousingOptionsService } from './housing-options-service.ts';

export interface DemoGatewayPlan {
  /** Folder under the demo's exchange folder. */
  folder: string;
  gatewayId: string;
  /** One-time enrolment token; removed once the gateway has enrolled. */
  token?: string;
  address: string;
  localPort: number;
  backends: { service: string; system: 'address-register' | 'housing-options'; organisationName: string }[];
  /** Its member runs its own CA, which issues the gateway's certificates (demo-member-ca.ts). */
  memberCa?: DemoMemberCa;
}

export interface DemoExchangePlan {
  gateways: DemoGatewayPlan[];
  backendToken: string;
  hasRunTraffic: boolean;
}

export const DEMO_EXCHANGE_FOLDER = 'exchange-demo';

export function demoPlanFile(dataDir: string): string {
  return join(dataDir, DEMO_EXCHANGE_FOLDER, 'plan.json');
}

export function writeDemoPlan(dataDir: string, plan: DemoExchangePlan): void {
  writeFileSync(demoPlanFile(dataDir), `${JSON.stringify(plan, null, 2)}\n`, { mode: 0o600 });
}

export const newBackendToken = (): string => randomBytes(24).toString('base64url');

export interface RunningDemoExchange {
  gateways: Map<string, RunningGateway>;
  close(): Promise<void>;
}

type Log = (line: string) => void;

export async function startDemoExchange(database: Database, dataDir: string, log: Log): Promise<RunningDemoExchange | undefined> {
  const planFile = demoPlanFile(dataDir);
  if (!existsSync(planFile)) return undefined;
  const plan = JSON.parse(readFileSync(planFile, 'utf8')) as DemoExchangePlan;
  const folder = join(dataDir, DEMO_EXCHANGE_FOLDER);
  const backends: BackendServer[] = [];
  const gateways = new Map<string, RunningGateway>();
  const close = async () => {
    await Promise.all([...gateways.values()].map((g) => g.close()));
    await Promise.all(backends.map((b) => b.close()));
  };
  try {
    // Every gateway enrols first, so that each starts with a configuration that lists all the others.
    for (const gateway of plan.gateways) {
      const dir = join(folder, gateway.folder);
      if (existsSync(gatewayFiles(dir).settings)) continue;
      if (!gateway.token) throw new Error(`${gateway.gatewayId} has neither a folder nor an enrolment token`);
      const certificateFiles =
        gateway.memberCa &&
        (await certificatesFromMemberCa(
          join(folder, gateway.memberCa.folder),
          { dir, token: gateway.token, gatewayId: gateway.gatewayId },
          gateway.memberCa,
        ));
      await initGateway({
        dir,
        token: gateway.token,
        address: gateway.address,
        localListen: { host: '127.0.0.1', port: gateway.localPort },
        ...(certificateFiles ? { certificateFiles } : {}),
      });
      delete gateway.token;
      writeDemoPlan(dataDir, plan);
    }
    for (const gateway of plan.gateways.filter((g) => g.memberCa)) {
      const applied = await applyMemberCaRevocationList(
        database,
        dataDir,
        join(folder, gateway.memberCa!.folder),
        gateway.gatewayId.split('/')[0]!,
      );
      log(
        `Joinery: ${applied.authority.name} published its revocation list, applied (${applied.listed} listed, ${applied.revokedSerialNumbers.length} revoked now)`,
      );
    }
    for (const gateway of plan.gateways) {
      const dir = join(folder, gateway.folder);
      for (const backend of gateway.backends) {
        const system =
          backend.system === 'address-register'
            ? await startAddressRegisterService(database, plan.backendToken)
            : await startHousingOptionsService(
                join(folder, `${gateway.folder}-referrals.jsonl`),
                plan.backendToken,
                backend.organisationName,
              );
        backends.push(system);
        setGatewayBackend(dir, backend.service, { url: system.url, token: plan.backendToken, timeoutMs: 10_000 });
      }
      gateways.set(
        gateway.gatewayId,
        await startGateway({ dir, onProblem: (message) => log(`Joinery: gateway ${gateway.gatewayId}: ${message}`) }),
      );
    }
    if (!plan.hasRunTraffic) {
      const calls = await runDemoTraffic(database, gateways);
      plan.hasRunTraffic = true;
      writeDemoPlan(dataDir, plan);
      log(`Joinery: ${calls.ok} demo exchange calls through the gateways (${calls.refused} refused, as the demo intends)`);
    }
    await Promise.all([...gateways.values()].map((g) => g.report().catch((e: Error) => log(`Joinery: gateway report: ${e.message}`))));
    log(
      `Joinery: ${gateways.size} demo gateways running: ${[...gateways.values()].map((g) => `${g.gatewayId} (local ${g.localUrl})`).join(', ')}`,
    );
    return { gateways, close };
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}

const ADDRESS_SERVICE = 'wessex/GOV/wessex-council/addresses/address-lookup';
const REFERRALS_SERVICE = 'wessex/GOV/casterbridge/housing-options/duty-to-refer';

async function call(gateway: RunningGateway | undefined, path: string, client: string, body?: unknown): Promise<number> {
  if (!gateway) return 0;
  const response = await fetch(`${gateway.localUrl}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'x-road-client': client, 'x-road-userid': 'demo', ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  await response.arrayBuffer();
  return response.status;
}

/** A few real calls of each kind the demo shows. */
async function runDemoTraffic(database: Database, gateways: Map<string, RunningGateway>): Promise<{ ok: number; refused: number }> {
  const casterbridge = gateways.get('wessex/GOV/casterbridge/gw1');
  const hospital = gateways.get('wessex/NHS/wessex-hospitals/gw1');
  const exonbury = gateways.get('lower-wessex/GOV/exonbury/gw1');
  const statuses: number[] = [];
  const found = await searchAddresses(database, 'Casterbridge', 5);
  for (const address of found.addresses)
    statuses.push(await call(casterbridge, `/r1/${ADDRESS_SERVICE}/addresses/${address.uprn}`, 'wessex/GOV/casterbridge/housing'));
  statuses.push(
    await call(casterbridge, `/r1/${ADDRESS_SERVICE}/matches`, 'wessex/GOV/casterbridge/housing', {
      address: found.addresses[0] ? `${found.addresses[0].uprn}` : '1 High Street, Casterbridge',
    }),
  );
  const patients = [
    {
      nhsNumber: '9434765919',
      name: 'Michael Henchard',
      expectedDischargeDate: '2026-12-09',
      ward: 'Durnover Ward',
      situation: 'threatened-with-homelessness',
    },
    { nhsNumber: '9434765870', name: 'Abel Whittle', expectedDischargeDate: '2026-12-11', ward: 'Mellstock Ward', situation: 'homeless' },
  ];
  for (const patient of patients)
    statuses.push(
      await call(hospital, `/r1/${REFERRALS_SERVICE}/referrals`, 'wessex/NHS/wessex-hospitals/discharges', {
        ...patient,
        hasConsented: true,
      }),
    );
  if (found.addresses[0])
    statuses.push(
      await call(exonbury, `/r1/${ADDRESS_SERVICE}/addresses/${found.addresses[0].uprn}`, 'lower-wessex/GOV/exonbury/planning'),
    );
  // The waste system holds no grant to the address register: refused, and the refusal logged.
  statuses.push(await call(casterbridge, `/r1/${ADDRESS_SERVICE}/addresses/1`, 'wessex/GOV/casterbridge/waste'));
  return { ok: statuses.filter((s) => s >= 200 && s < 300).length, refused: statuses.filter((s) => s >= 400).length };
}
