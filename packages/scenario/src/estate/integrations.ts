/**
 * How each council's applications feed one another, and the few flows between councils.
 * The rules follow the usual shape of a council estate: everything that takes money
 * posts to the ledger, the CRM raises service requests in line-of-business systems,
 * spatial systems read the gazetteer. A share of links are people re-keying by hand,
 * which is what a dependency map most needs to show.
 */
import type { IntegrationMethod, ScenarioApplication, ScenarioIntegration } from '../model.ts';
import { DISTRICT_CODES } from '../organisations.ts';
import { type Random } from '../random.ts';

type Frequency = ScenarioIntegration['frequency'];

// [source capability, target capability, method, frequency, data carried, personal data?]
// prettier-ignore
const RULES: readonly [string, string, IntegrationMethod, Frequency, string, boolean][] = [
  ['Revenues and benefits', 'Finance', 'file transfer', 'daily', 'Council tax and business rates ledger postings', false],
  ['Payments', 'Finance', 'file transfer', 'daily', 'Income transactions', false],
  ['Payments', 'Revenues and benefits', 'file transfer', 'daily', 'Council tax payments by account', true],
  ['HR and payroll', 'Finance', 'file transfer', 'monthly', 'Payroll journals', false],
  ['Procurement', 'Finance', 'API', 'real time', 'Purchase orders and invoices', false],
  ['Website', 'CRM', 'API', 'real time', 'Online forms and service requests', true],
  ['CRM', 'Waste', 'API', 'real time', 'Missed bin and bulky waste requests', true],
  ['CRM', 'Revenues and benefits', 'manual re-keying', 'daily', 'Change of address and circumstances', true],
  ['CRM', 'Housing', 'email', 'daily', 'Housing advice requests', true],
  ['Electoral registration', 'Revenues and benefits', 'file transfer', 'monthly', 'Property occupier changes (canvass data)', true],
  ['Housing', 'Revenues and benefits', 'file transfer', 'weekly', 'Tenancy start and end dates', true],
  ['Planning', 'GIS', 'database link', 'real time', 'Application sites and constraints', false],
  ['Planning', 'Document management', 'API', 'real time', 'Planning documents', true],
  ['Building control', 'GIS', 'database link', 'real time', 'Site locations', false],
  ['Land charges', 'GIS', 'database link', 'real time', 'Charge extents', false],
  ['Land charges', 'Planning', 'database link', 'daily', 'Planning history for searches', false],
  ['Environmental health', 'GIS', 'file transfer', 'weekly', 'Premises locations', false],
  ['Licensing', 'Payments', 'API', 'real time', 'Licence fees', true],
  ['Waste', 'Payments', 'API', 'real time', 'Garden waste subscriptions', true],
  ['Waste', 'Mobile working', 'API', 'real time', 'Crew worksheets', false],
  ['Parking', 'Payments', 'API', 'real time', 'Penalty charge payments', true],
  ['Parking', 'Finance', 'file transfer', 'weekly', 'Parking income', false],
  ['Adult social care', 'Finance', 'file transfer', 'weekly', 'Care provider payments', false],
  ['Adult social care', 'Document management', 'API', 'real time', 'Case documents', true],
  ['Children’s social care', 'Education and school admissions', 'manual re-keying', 'weekly', 'Children looked after and school placements', true],
  ['Children’s social care', 'Finance', 'file transfer', 'weekly', 'Foster carer payments', false],
  ['Education and school admissions', 'GIS', 'database link', 'daily', 'Catchment areas and home addresses', true],
  ['Highways', 'GIS', 'database link', 'real time', 'Street works and assets', false],
  ['Identity and access', 'Email and office productivity', 'API', 'real time', 'User accounts', true],
  ['Identity and access', 'HR and payroll', 'file transfer', 'daily', 'Starters and leavers', true],
  ['Business intelligence', 'Revenues and benefits', 'database link', 'daily', 'Collection rates', true],
  ['Business intelligence', 'Finance', 'database link', 'daily', 'Budget monitoring', false],
  ['Telephony and contact centre', 'CRM', 'API', 'real time', 'Caller identification', true],
  ['Complaints and FOI', 'Document management', 'manual re-keying', 'ad hoc', 'Responses and evidence', true],
];

const primaryApp = (apps: ScenarioApplication[], org: string, capability: string) =>
  apps.find((a) => a.organisationCode === org && a.capability === capability);

/**
 * Generates the integrations of the five predecessor councils' estates.
 * @example generateIntegrations(new Random(1), apps).filter((i) => i.method === 'manual re-keying').length
 */
export function generateIntegrations(random: Random, apps: ScenarioApplication[]): ScenarioIntegration[] {
  const out: ScenarioIntegration[] = [];
  const add = (i: Omit<ScenarioIntegration, 'id'>) => out.push({ id: `INT-${String(out.length + 1).padStart(4, '0')}`, ...i });
  for (const org of ['wessex-county', ...DISTRICT_CODES]) {
    const r = random.fork(org);
    for (const [from, to, method, frequency, data, personal] of RULES) {
      const source = primaryApp(apps, org, from);
      const target = primaryApp(apps, org, to);
      if (!source || !target || !r.chance(0.85)) continue;
      const isManual = method !== 'manual re-keying' && r.chance(0.12);
      add({
        organisationCode: org,
        sourceApplicationId: source.id,
        targetApplicationId: target.id,
        method: isManual ? 'manual re-keying' : method,
        frequency: isManual ? 'weekly' : frequency,
        dataCarried: data,
        carriesPersonalData: personal,
      });
    }
    // A second application doing the same job is usually kept in step by hand.
    for (const app of apps) {
      if (app.organisationCode !== org || app.capability === 'Local tools') continue;
      const first = primaryApp(apps, org, app.capability);
      if (first && first !== app) {
        add({
          organisationCode: org,
          sourceApplicationId: first.id,
          targetApplicationId: app.id,
          method: r.chance(0.6) ? 'manual re-keying' : 'file transfer',
          frequency: 'weekly',
          dataCarried: `${app.capability} records kept in step`,
          carriesPersonalData: true,
        });
      }
    }
  }
  // Flows between the tiers, which the merger turns into flows inside one council.
  for (const district of DISTRICT_CODES) {
    const r = random.fork(`cross/${district}`);
    const pairs: [string, string, string, IntegrationMethod, Frequency, string, boolean][] = [
      [district, 'Revenues and benefits', 'Finance', 'file transfer', 'monthly', 'Council tax precept and collection fund returns', false],
      [district, 'Housing', 'Adult social care', 'email', 'weekly', 'Referrals for adaptations and care assessments', true],
      [
        district,
        'Electoral registration',
        'Business intelligence',
        'file transfer',
        'annually',
        'Register of electors for county elections',
        true,
      ],
      [district, 'Planning', 'Highways', 'email', 'daily', 'Planning consultations with the highway authority', false],
    ];
    for (const [org, from, to, method, frequency, data, personal] of pairs) {
      const source = primaryApp(apps, org, from);
      const target = primaryApp(apps, 'wessex-county', to);
      if (!source || !target || !r.chance(0.8)) continue;
      add({
        organisationCode: org,
        sourceApplicationId: source.id,
        targetApplicationId: target.id,
        method,
        frequency,
        dataCarried: data,
        carriesPersonalData: personal,
      });
    }
  }
  return out;
}
