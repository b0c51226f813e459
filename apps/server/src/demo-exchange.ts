/**
 * The demo's federations, as their operators would set them up with the CLI or the pages:
 * the Wessex Data Exchange (operated by Wessex Council) with the councils, the hospital trust
 * and the housing association as members, and the neighbouring Lower Wessex federation
 * (operated by Exonbury City Council), each trusting the other. Three exchanges:
 *   Casterbridge's housing system → Wessex Council's address register;
 *   Wessex Hospitals' discharge planning → Casterbridge's housing options (duty to refer);
 *   Exonbury's planning system (Lower Wessex) → Wessex Council's address register.
 * Casterbridge is declared succeeded by Wessex Council from vesting day, with six months of
 * dual running. Wessex Hospitals runs its own certification authority, which the Wessex
 * operators trust: its gateway's certificates come from it. Gateways are registered here with one-time tokens; they enrol and start when
 * the server is listening (exchange/demo-gateways.ts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { saveOrganisations, type Database } from '@joinery/core';
import {
  addSubsystem,
  approveGrant,
  createFederation,
  declareSuccession,
  federationAnchor,
  freeLoopbackPort,
  openAuthority,
  proposeGrant,
  registerGateway,
  registerService,
  systemActor,
  trustCertificationAuthority,
  trustFederation,
} from '@joinery/exchange';
import { WESSEX_REORGANISATION } from '@joinery/scenario';
import { ADDRESS_REGISTER_OPENAPI } from './exchange/address-register-service.ts';
import { DEMO_EXCHANGE_FOLDER, newBackendToken, writeDemoPlan, type DemoGatewayPlan } from './exchange/demo-gateways.ts';
import { createDemoMemberCa } from './exchange/demo-member-ca.ts';
import { HOUSING_OPTIONS_OPENAPI } from './exchange/housing-options-service.ts';

const DEMO = systemActor('demo');
/** A day relative to the demo's first start, so that its access rights are current whenever it is loaded. */
const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const WESSEX_MEMBERS = [
  'wessex-council',
  'wessex-county',
  'casterbridge',
  'budmouth',
  'melchester',
  'sandbourne',
  'wessex-hospitals',
  'egdon-housing',
];

const SUBSYSTEMS: { federationCode: string; memberCode: string; code: string; name: string }[] = [
  { federationCode: 'wessex', memberCode: 'wessex-council', code: 'addresses', name: 'Address register (UPRN)' },
  { federationCode: 'wessex', memberCode: 'wessex-council', code: 'housing', name: 'Housing management system' },
  { federationCode: 'wessex', memberCode: 'casterbridge', code: 'housing', name: 'Housing management system' },
  { federationCode: 'wessex', memberCode: 'casterbridge', code: 'housing-options', name: 'Housing options case management' },
  { federationCode: 'wessex', memberCode: 'casterbridge', code: 'waste', name: 'Waste collection system' },
  {
    federationCode: 'wessex',
    memberCode: 'wessex-hospitals',
    code: 'discharges',
    name: 'Discharge planning (patient administration system)',
  },
  { federationCode: 'lower-wessex', memberCode: 'exonbury', code: 'planning', name: 'Planning applications system' },
];

export interface DemoExchangeReport {
  federations: number;
  gateways: number;
  services: number;
  grants: number;
}

export async function loadDemoExchange(
  database: Database,
  { dataDir, publicUrl }: { dataDir: string; publicUrl: string },
): Promise<DemoExchangeReport> {
  const authority = openAuthority(database, { dataDir });
  await saveOrganisations(database, [
    {
      code: 'exonbury',
      name: 'Exonbury City Council',
      type: 'unitary-authority',
      successorCode: null,
      identifiers: [{ kind: 'gss', value: 'E06000907' }],
      partnerships: [],
    },
  ]);
  await createFederation(authority, DEMO, {
    code: 'wessex',
    name: 'Wessex Data Exchange',
    publicUrl,
    operatorOrganisationCode: 'wessex-council',
    organisationCodes: WESSEX_MEMBERS,
  });
  await createFederation(authority, DEMO, {
    code: 'lower-wessex',
    name: 'Lower Wessex Data Exchange',
    publicUrl,
    operatorOrganisationCode: 'exonbury',
    organisationCodes: ['exonbury'],
  });
  for (const subsystem of SUBSYSTEMS) await addSubsystem(authority, DEMO, subsystem);

  mkdirSync(join(dataDir, DEMO_EXCHANGE_FOLDER), { recursive: true });
  const gateways: DemoGatewayPlan[] = [];
  const register = async (
    federationCode: string,
    memberCode: string,
    backends: DemoGatewayPlan['backends'],
    memberCa?: DemoGatewayPlan['memberCa'],
  ) => {
    const address = `https://127.0.0.1:${await freeLoopbackPort()}`;
    const issued = await registerGateway(authority, DEMO, { federationCode, memberCode, gatewayCode: 'gw1', address });
    gateways.push({
      folder: `${memberCode}-gw1`,
      gatewayId: issued.gateway.id,
      token: issued.token,
      address,
      localPort: await freeLoopbackPort(),
      backends,
      ...(memberCa ? { memberCa } : {}),
    });
  };
  await register('wessex', 'wessex-council', [
    { service: 'addresses/address-lookup', system: 'address-register', organisationName: 'Wessex Council' },
  ]);
  await register('wessex', 'casterbridge', [
    { service: 'housing-options/duty-to-refer', system: 'housing-options', organisationName: 'Casterbridge District Council' },
  ]);
  // The hospital trust runs its own PKI: the operators trust its issuing CA, and its gateway enrols with that CA's certificates.
  const hospital = {
    folder: 'wessex-hospitals-ca',
    organisationName: 'Wessex Hospitals NHS Foundation Trust',
    memberId: 'wessex/NHS/wessex-hospitals',
  };
  await trustCertificationAuthority(authority, DEMO, {
    federationCode: 'wessex',
    name: 'Wessex Hospitals issuing CA',
    certificatePem: await createDemoMemberCa(join(dataDir, DEMO_EXCHANGE_FOLDER, hospital.folder), hospital.organisationName),
  });
  await register('wessex', 'wessex-hospitals', [], hospital);
  await register('lower-wessex', 'exonbury', []);

  const addressService = {
    federationCode: 'wessex',
    memberCode: 'wessex-council',
    subsystemCode: 'addresses',
    serviceCode: 'address-lookup',
  };
  await registerService(authority, DEMO, {
    ...addressService,
    gatewayCode: 'gw1',
    title: 'Address register: search, look up and match addresses to UPRNs',
    openApi: ADDRESS_REGISTER_OPENAPI,
  });
  const referralService = {
    federationCode: 'wessex',
    memberCode: 'casterbridge',
    subsystemCode: 'housing-options',
    serviceCode: 'duty-to-refer',
  };
  await registerService(authority, DEMO, {
    ...referralService,
    gatewayCode: 'gw1',
    title: 'Housing options: referrals under the duty to refer',
    openApi: HOUSING_OPTIONS_OPENAPI,
  });

  // Federation: each authority records the other's anchor.
  for (const [ours, theirs] of [
    ['wessex', 'lower-wessex'],
    ['lower-wessex', 'wessex'],
  ] as const) {
    const anchor = await federationAnchor(authority, theirs);
    await trustFederation(authority, DEMO, {
      federationCode: ours,
      code: theirs,
      name: anchor.name,
      configurationUrl: anchor.configurationUrl,
      signingKeys: anchor.signingKeys,
    });
  }
  const grants = [
    {
      client: 'wessex/GOV/casterbridge/housing',
      service: 'wessex/GOV/wessex-council/addresses/address-lookup',
      operations: ['searchAddresses', 'getAddress', 'matchAddress'],
      purpose: 'Check and match tenants’ and applicants’ addresses to UPRNs',
      lawfulBasis: 'UK GDPR Art. 6(1)(e) public task (Housing Act 1996 Part 7)',
      agreement: 'Wessex address register data-sharing agreement v1 (2026)',
      validFrom: day(-240),
      expiresOn: day(660),
      recertifyBy: day(120),
    },
    {
      client: 'wessex/NHS/wessex-hospitals/discharges',
      service: 'wessex/GOV/casterbridge/housing-options/duty-to-refer',
      operations: ['referPatient', 'getReferral'],
      purpose:
        'Refer patients who may be homeless or threatened with homelessness on discharge (duty to refer, Housing Act 1996 s.213B), with their consent',
      lawfulBasis: 'UK GDPR Art. 6(1)(c) legal obligation and 6(1)(a) consent; Art. 9(2)(h) health and social care',
      agreement: 'Wessex hospital discharge to housing data-sharing agreement v2 (2026)',
      validFrom: day(-180),
      expiresOn: day(180),
      // Overdue, as the demo shows: the provider must confirm the access is still needed.
      recertifyBy: day(-2),
    },
    {
      client: 'lower-wessex/GOV/exonbury/planning',
      service: 'wessex/GOV/wessex-council/addresses/address-lookup',
      operations: ['getAddress'],
      purpose: 'Confirm addresses of planning applications on the Wessex border',
      lawfulBasis: 'UK GDPR Art. 6(1)(e) public task (Town and Country Planning Act 1990)',
      agreement: 'Wessex–Lower Wessex cross-border addresses agreement (2026)',
      validFrom: day(-90),
      expiresOn: day(270),
      recertifyBy: day(90),
    },
  ];
  for (const grant of grants) {
    const proposed = await proposeGrant(authority, DEMO, { federationCode: 'wessex', ...grant });
    await approveGrant(authority, DEMO, {
      federationCode: 'wessex',
      grantId: proposed.id,
      note: 'Approved by the provider’s information governance lead',
    });
  }

  const vesting = WESSEX_REORGANISATION.vestingDay;
  await declareSuccession(authority, DEMO, {
    federationCode: 'wessex',
    predecessorCode: 'casterbridge',
    successorCode: 'wessex-council',
    dualRunningFrom: vesting,
    dualRunningUntil: '2028-09-30',
  });

  writeDemoPlan(dataDir, { gateways, backendToken: newBackendToken(), hasRunTraffic: false });
  return { federations: 2, gateways: gateways.length, services: 2, grants: grants.length };
}
