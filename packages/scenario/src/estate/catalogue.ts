/**
 * The market the Wessex councils buy from: fictional suppliers, their products by
 * capability, and the long tail of spreadsheets and small databases every council has.
 * A catalogue, fixed for all seeds; which council bought what is decided in applications.ts.
 *
 * Company numbers start 99, far beyond any number Companies House has issued to a company
 * in England and Wales (about 16 million by 2026), so none can belong to a real company.
 */
import type { Hosting, LicenceModel } from '../model.ts';

export interface SupplierSpec {
  id: string;
  name: string;
  companiesHouseNumber: string;
  isSme: boolean;
  isVcse?: boolean;
  health: 'stable' | 'watch' | 'at risk';
}

// prettier-ignore
export const SUPPLIERS: readonly SupplierSpec[] = [
  { id: 'mellstock', name: 'Mellstock Systems Ltd', companiesHouseNumber: '99104417', isSme: false, health: 'stable' },
  { id: 'chalk-downs', name: 'Chalk Downs Computing Ltd', companiesHouseNumber: '99218830', isSme: true, health: 'watch' },
  { id: 'froom-valley', name: 'Froom Valley Software Ltd', companiesHouseNumber: '99302256', isSme: true, health: 'stable' },
  { id: 'yalbury', name: 'Yalbury Data plc', companiesHouseNumber: '99011873', isSme: false, health: 'stable' },
  { id: 'egdon-digital', name: 'Egdon Digital Ltd', companiesHouseNumber: '99457102', isSme: true, health: 'stable' },
  { id: 'blackmoor', name: 'Blackmoor Vale Technologies Ltd', companiesHouseNumber: '99520918', isSme: true, health: 'at risk' },
  { id: 'stourcastle', name: 'Stourcastle Solutions Ltd', companiesHouseNumber: '99633401', isSme: true, health: 'stable' },
  { id: 'talbothays', name: 'Talbothays Software Ltd', companiesHouseNumber: '99078124', isSme: false, health: 'stable' },
  { id: 'greenhill', name: 'Greenhill Fair Systems Ltd', companiesHouseNumber: '99741660', isSme: true, health: 'watch' },
  { id: 'rainbarrow', name: 'Rainbarrow Networks Ltd', companiesHouseNumber: '99815537', isSme: true, health: 'stable' },
  { id: 'flintcomb', name: 'Flintcomb Cloud Services Ltd', companiesHouseNumber: '99902214', isSme: false, health: 'stable' },
  { id: 'lulwind', name: 'Lulwind Cove Analytics Ltd', companiesHouseNumber: '99160385', isSme: true, health: 'stable' },
  { id: 'nuttlebury', name: 'Nuttlebury Print and Mail Ltd', companiesHouseNumber: '99277049', isSme: true, health: 'stable' },
  { id: 'knollsea', name: 'Knollsea Telecom Ltd', companiesHouseNumber: '99388106', isSme: false, health: 'stable' },
  { id: 'hintock', name: 'Hintock Mapping Ltd', companiesHouseNumber: '99493372', isSme: true, health: 'stable' },
  { id: 'sherton', name: 'Sherton Abbas Software plc', companiesHouseNumber: '99012290', isSme: false, health: 'watch' },
  { id: 'wellbridge', name: 'Wellbridge Payments Ltd', companiesHouseNumber: '99566218', isSme: false, health: 'stable' },
  { id: 'toneborough', name: 'Toneborough Care Informatics Ltd', companiesHouseNumber: '99671945', isSme: false, health: 'stable' },
  { id: 'christminster', name: 'Christminster Learning Systems Ltd', companiesHouseNumber: '99785520', isSme: false, health: 'stable' },
  { id: 'shottsford', name: 'Shottsford Forum Digital Ltd', companiesHouseNumber: '99853347', isSme: true, health: 'stable' },
  { id: 'kennetbridge', name: 'Kennetbridge Document Solutions Ltd', companiesHouseNumber: '99924410', isSme: true, health: 'at risk' },
  { id: 'aldbrickham', name: 'Aldbrickham Enterprise Software plc', companiesHouseNumber: '99003318', isSme: false, health: 'stable' },
  { id: 'weydon', name: 'Weydon Priors Workforce Ltd', companiesHouseNumber: '99133702', isSme: false, health: 'stable' },
  { id: 'overcombe', name: 'Overcombe Contact Systems Ltd', companiesHouseNumber: '99244861', isSme: true, health: 'watch' },
  { id: 'quartershot', name: 'Quartershot Security Ltd', companiesHouseNumber: '99355923', isSme: true, health: 'stable' },
  { id: 'exonbury', name: 'Exonbury Office Cloud plc', companiesHouseNumber: '99004456', isSme: false, health: 'stable' },
  { id: 'solentsea', name: 'Solentsea Parking Systems Ltd', companiesHouseNumber: '99466037', isSme: true, health: 'stable' },
  { id: 'evershead', name: 'Evershead Environmental Ltd', companiesHouseNumber: '99577184', isSme: true, health: 'stable' },
  { id: 'wessex-waste', name: 'Wessex Waste Services Ltd', companiesHouseNumber: '99688295', isSme: false, health: 'stable' },
  { id: 'wessex-leisure', name: 'Wessex Leisure Trust', companiesHouseNumber: '99799306', isSme: false, isVcse: true, health: 'watch' },
  { id: 'port-bredy-code', name: 'Port Bredy Code Co-operative Ltd', companiesHouseNumber: '99811417', isSme: true, health: 'stable' },
  { id: 'kingsbere', name: 'Kingsbere Highways Technology Ltd', companiesHouseNumber: '99922528', isSme: false, health: 'stable' },
];

export type Tier = 'district' | 'county' | 'both';

export interface ProductSpec {
  product: string;
  supplier: string;
  /** Typical annual cost for a district-sized council, pounds. */
  cost: number;
  hosting: Hosting;
  licence: LicenceModel;
  /** Major version now, and whether the supplier has announced end of support. */
  version: string;
  endOfSupport?: string;
}

export interface CapabilitySpec {
  capability: string;
  tier: Tier;
  /** The role that owns it, as councils' application registers name them. */
  owner: string;
  users: number;
  cpv: [code: string, label: string];
  /** The chance a council has a second application doing the same job. */
  overlap: number;
  products: ProductSpec[];
  /** Source systems (by kind) this capability's application holds. */
  holds?: string[];
}

const p = (
  product: string,
  supplier: string,
  cost: number,
  hosting: Hosting,
  licence: LicenceModel,
  version: string,
  endOfSupport?: string,
): ProductSpec => ({ product, supplier, cost, hosting, licence, version, ...(endOfSupport ? { endOfSupport } : {}) });

const SOFTWARE: [string, string] = ['48000000-8', 'Software package and information systems'];
const INDUSTRY: [string, string] = ['48100000-9', 'Industry specific software package'];
const BUSINESS: [string, string] = ['48400000-2', 'Business transaction and personal business software package'];
const ACCOUNTING: [string, string] = ['48443000-5', 'Accounting software package'];
const HR: [string, string] = ['48450000-7', 'Time accounting or human resources software package'];
const DOCUMENTS: [string, string] = ['48311000-1', 'Document management software package'];
const NETWORKING: [string, string] = ['48200000-0', 'Networking, Internet and intranet software package'];
const DATABASE: [string, string] = ['48600000-4', 'Database and operating software package'];
const IT_SERVICES: [string, string] = ['72000000-5', 'IT services: consulting, software development, Internet and support'];
const MAINTENANCE: [string, string] = ['72267000-4', 'Software maintenance and repair services'];
const TELECOMS: [string, string] = ['64200000-8', 'Telecommunications services'];
const CALL_CENTRE: [string, string] = ['79512000-6', 'Call centre'];

export const CAPABILITIES: readonly CapabilitySpec[] = [
  {
    capability: 'Revenues and benefits',
    tier: 'district',
    owner: 'Head of Revenues and Benefits',
    users: 90,
    cpv: INDUSTRY,
    overlap: 0.05,
    holds: ['council-tax', 'benefits'],
    products: [
      p('Tithe Revenues and Benefits', 'mellstock', 210_000, 'on-premises', 'per-user', '9.4', '2027-03-31'),
      p('Keystone RB', 'chalk-downs', 165_000, 'hosted', 'subscription', '2024.2'),
      p('Ledgerline Revenues', 'sherton', 240_000, 'on-premises', 'perpetual', '7.1'),
    ],
  },
  {
    capability: 'Planning',
    tier: 'both',
    owner: 'Head of Planning',
    users: 60,
    cpv: INDUSTRY,
    overlap: 0.1,
    products: [
      p('Parish Planning', 'froom-valley', 70_000, 'hosted', 'subscription', '5.2'),
      p('Uniplan', 'sherton', 95_000, 'on-premises', 'perpetual', '11.0', '2026-12-31'),
      p('PlanFlow Cloud', 'egdon-digital', 58_000, 'saas', 'subscription', '2025.1'),
    ],
  },
  {
    capability: 'Building control',
    tier: 'district',
    owner: 'Building Control Manager',
    users: 15,
    cpv: INDUSTRY,
    overlap: 0.05,
    products: [
      p('Uniplan Building Control', 'sherton', 22_000, 'on-premises', 'perpetual', '11.0', '2026-12-31'),
      p('Parish Building Control', 'froom-valley', 18_000, 'hosted', 'subscription', '5.2'),
    ],
  },
  {
    capability: 'Land charges',
    tier: 'district',
    owner: 'Land Charges Manager',
    users: 6,
    cpv: INDUSTRY,
    overlap: 0,
    products: [
      p('Uniplan Land Charges', 'sherton', 14_000, 'on-premises', 'perpetual', '11.0', '2026-12-31'),
      p('Parish Land Charges', 'froom-valley', 11_000, 'hosted', 'subscription', '5.2'),
    ],
  },
  {
    capability: 'Environmental health',
    tier: 'district',
    owner: 'Head of Environmental Health',
    users: 35,
    cpv: INDUSTRY,
    overlap: 0.1,
    products: [
      p('Regula EH', 'evershead', 38_000, 'hosted', 'subscription', '3.8'),
      p('Uniplan Regulatory', 'sherton', 41_000, 'on-premises', 'perpetual', '11.0', '2026-12-31'),
    ],
  },
  {
    capability: 'Licensing',
    tier: 'district',
    owner: 'Licensing Manager',
    users: 12,
    cpv: INDUSTRY,
    overlap: 0.1,
    products: [
      p('Regula Licensing', 'evershead', 19_000, 'hosted', 'subscription', '3.8'),
      p('Uniplan Licensing', 'sherton', 16_000, 'on-premises', 'perpetual', '11.0', '2026-12-31'),
    ],
  },
  {
    capability: 'Waste',
    tier: 'district',
    owner: 'Head of Waste and Cleansing',
    users: 70,
    cpv: INDUSTRY,
    overlap: 0.15,
    holds: ['waste-crm'],
    products: [
      p('Binwise', 'stourcastle', 48_000, 'saas', 'subscription', '2025.3'),
      p('Round Manager', 'greenhill', 36_000, 'hosted', 'subscription', '6.0'),
      p('Ecoroute', 'blackmoor', 29_000, 'on-premises', 'perpetual', '4.2', '2026-06-30'),
    ],
  },
  {
    capability: 'Housing',
    tier: 'district',
    owner: 'Head of Housing',
    users: 40,
    cpv: INDUSTRY,
    overlap: 0.2,
    holds: ['housing-register'],
    products: [
      p('Homefinder Options', 'talbothays', 52_000, 'hosted', 'subscription', '8.3'),
      p('Abode Housing', 'chalk-downs', 44_000, 'on-premises', 'perpetual', '5.5', '2027-09-30'),
      p('Keystone Housing', 'chalk-downs', 47_000, 'hosted', 'subscription', '2024.2'),
    ],
  },
  {
    capability: 'Electoral registration',
    tier: 'district',
    owner: 'Electoral Services Manager',
    users: 10,
    cpv: INDUSTRY,
    overlap: 0,
    holds: ['electoral-register'],
    products: [
      p('Franchise EMS', 'yalbury', 31_000, 'hosted', 'subscription', '14.2'),
      p('Pollbook', 'mellstock', 27_000, 'on-premises', 'per-user', '6.9'),
    ],
  },
  {
    capability: 'Parking',
    tier: 'district',
    owner: 'Parking Services Manager',
    users: 25,
    cpv: INDUSTRY,
    overlap: 0.2,
    products: [
      p('Solent Enforce', 'solentsea', 33_000, 'saas', 'subscription', '2025.2'),
      p('Permit Point', 'solentsea', 12_000, 'saas', 'subscription', '3.1'),
    ],
  },
  {
    capability: 'Cemeteries and crematoria',
    tier: 'district',
    owner: 'Bereavement Services Manager',
    users: 8,
    cpv: INDUSTRY,
    overlap: 0,
    products: [
      p('Epitaph', 'port-bredy-code', 7_500, 'hosted', 'subscription', '2.4'),
      p('Bereave', 'greenhill', 9_000, 'on-premises', 'perpetual', '3.0'),
    ],
  },
  {
    capability: 'Leisure bookings',
    tier: 'district',
    owner: 'Leisure and Culture Manager',
    users: 30,
    cpv: BUSINESS,
    overlap: 0.2,
    products: [
      p('Courtside', 'egdon-digital', 21_000, 'saas', 'subscription', '2025.1'),
      p('Leisure Hub', 'wessex-leisure', 0, 'hosted', 'subscription', '1.0'),
    ],
  },
  {
    capability: 'Adult social care',
    tier: 'county',
    owner: 'Director of Adult Social Services',
    users: 900,
    cpv: INDUSTRY,
    overlap: 0.1,
    holds: ['adult-social-care'],
    products: [
      p('Carewise', 'toneborough', 620_000, 'hosted', 'subscription', '21.3'),
      p('Mosaic Care', 'talbothays', 580_000, 'on-premises', 'perpetual', '19.1'),
    ],
  },
  {
    capability: 'Children’s social care',
    tier: 'county',
    owner: 'Director of Children’s Services',
    users: 700,
    cpv: INDUSTRY,
    overlap: 0.1,
    holds: ['childrens-services'],
    products: [
      p('Carewise Children', 'toneborough', 480_000, 'hosted', 'subscription', '21.3'),
      p('Mosaic Children', 'talbothays', 450_000, 'on-premises', 'perpetual', '19.1'),
    ],
  },
  {
    capability: 'Education and school admissions',
    tier: 'county',
    owner: 'Head of School Admissions',
    users: 120,
    cpv: INDUSTRY,
    overlap: 0.2,
    products: [
      p('Scholar', 'christminster', 260_000, 'hosted', 'subscription', '4.6'),
      p('Admissions Online', 'christminster', 45_000, 'saas', 'subscription', '2025'),
    ],
  },
  {
    capability: 'Highways',
    tier: 'county',
    owner: 'Head of Highways',
    users: 150,
    cpv: INDUSTRY,
    overlap: 0.2,
    products: [
      p('Roadworks Manager', 'kingsbere', 190_000, 'hosted', 'subscription', '12.0'),
      p('Streetworks Permits', 'kingsbere', 60_000, 'saas', 'subscription', '2025.2'),
    ],
  },
  {
    capability: 'Libraries',
    tier: 'county',
    owner: 'Head of Libraries',
    users: 200,
    cpv: INDUSTRY,
    overlap: 0,
    products: [p('Readers’ Ticket', 'christminster', 85_000, 'saas', 'subscription', '8.1')],
  },
  {
    capability: 'Public health',
    tier: 'county',
    owner: 'Director of Public Health',
    users: 60,
    cpv: SOFTWARE,
    overlap: 0.1,
    products: [p('Lulwind Insight', 'lulwind', 40_000, 'saas', 'subscription', '2025')],
  },
  {
    capability: 'Trading standards',
    tier: 'county',
    owner: 'Head of Trading Standards',
    users: 30,
    cpv: INDUSTRY,
    overlap: 0,
    products: [p('Regula Trading Standards', 'evershead', 26_000, 'hosted', 'subscription', '3.8')],
  },
  {
    capability: 'Registration services',
    tier: 'county',
    owner: 'Superintendent Registrar',
    users: 25,
    cpv: INDUSTRY,
    overlap: 0,
    products: [p('Register Office Bookings', 'port-bredy-code', 9_000, 'hosted', 'subscription', '1.7')],
  },
  {
    capability: 'Finance',
    tier: 'both',
    owner: 'Chief Finance Officer (s151)',
    users: 250,
    cpv: ACCOUNTING,
    overlap: 0.05,
    products: [
      p('Aldbrickham ERP Financials', 'aldbrickham', 160_000, 'on-premises', 'enterprise agreement', '12.2', '2027-12-31'),
      p('Ledgerline Finance', 'sherton', 95_000, 'hosted', 'subscription', '7.1'),
      p('Exonbury Finance Cloud', 'exonbury', 120_000, 'saas', 'subscription', '2025.4'),
    ],
  },
  {
    capability: 'HR and payroll',
    tier: 'both',
    owner: 'Head of HR',
    users: 80,
    cpv: HR,
    overlap: 0.1,
    products: [
      p('Weydon People', 'weydon', 85_000, 'saas', 'per-user', '2025.1'),
      p('Aldbrickham ERP HR', 'aldbrickham', 70_000, 'on-premises', 'enterprise agreement', '12.2', '2027-12-31'),
      p('Payline', 'weydon', 40_000, 'hosted', 'subscription', '9.0'),
    ],
  },
  {
    capability: 'CRM',
    tier: 'both',
    owner: 'Head of Customer Services',
    users: 120,
    cpv: CALL_CENTRE,
    overlap: 0.25,
    products: [
      p('Overcombe CRM', 'overcombe', 55_000, 'hosted', 'subscription', '4.0', '2026-09-30'),
      p('Egdon Case', 'egdon-digital', 48_000, 'saas', 'subscription', '2025.2'),
      p('Exonbury Customer Cloud', 'exonbury', 90_000, 'saas', 'per-user', '2025.4'),
    ],
  },
  {
    capability: 'Document management',
    tier: 'both',
    owner: 'Information Governance Manager',
    users: 300,
    cpv: DOCUMENTS,
    overlap: 0.3,
    products: [
      p('Kennet EDRMS', 'kennetbridge', 45_000, 'on-premises', 'perpetual', '8.5', '2026-03-31'),
      p('Exonbury Sites and Files', 'exonbury', 0, 'saas', 'enterprise agreement', '2025'),
    ],
  },
  {
    capability: 'GIS',
    tier: 'both',
    owner: 'GIS Manager',
    users: 40,
    cpv: SOFTWARE,
    overlap: 0.2,
    products: [
      p('Hintock Maps', 'hintock', 28_000, 'on-premises', 'perpetual', '10.9'),
      p('Hintock Web Mapping', 'hintock', 15_000, 'saas', 'subscription', '2025'),
      p('QGIS', '', 0, 'on-premises', 'open source', '3.40'),
    ],
  },
  {
    capability: 'Payments',
    tier: 'both',
    owner: 'Income Manager',
    users: 50,
    cpv: ACCOUNTING,
    overlap: 0.1,
    products: [
      p('Wellbridge Pay', 'wellbridge', 38_000, 'saas', 'subscription', '2025.3'),
      p('Income Manager', 'mellstock', 30_000, 'on-premises', 'perpetual', '5.6'),
    ],
  },
  {
    capability: 'Procurement',
    tier: 'both',
    owner: 'Head of Procurement',
    users: 40,
    cpv: BUSINESS,
    overlap: 0.1,
    products: [
      p('Tender Box', 'stourcastle', 18_000, 'saas', 'subscription', '2025.1'),
      p('Aldbrickham ERP Purchasing', 'aldbrickham', 25_000, 'on-premises', 'enterprise agreement', '12.2', '2027-12-31'),
    ],
  },
  {
    capability: 'Committee management',
    tier: 'both',
    owner: 'Head of Democratic Services',
    users: 20,
    cpv: BUSINESS,
    overlap: 0,
    products: [p('Minute Book', 'froom-valley', 9_500, 'saas', 'subscription', '6.3')],
  },
  {
    capability: 'Website',
    tier: 'both',
    owner: 'Head of Communications',
    users: 25,
    cpv: NETWORKING,
    overlap: 0.2,
    products: [
      p('Shottsford CMS', 'shottsford', 24_000, 'saas', 'subscription', '2025'),
      p('Drupal', '', 0, 'hosted', 'open source', '10.3'),
    ],
  },
  {
    capability: 'Intranet',
    tier: 'both',
    owner: 'Head of Communications',
    users: 600,
    cpv: NETWORKING,
    overlap: 0.2,
    products: [
      p('Exonbury Sites and Files', 'exonbury', 0, 'saas', 'enterprise agreement', '2025'),
      p('Shottsford Intranet', 'shottsford', 8_000, 'saas', 'subscription', '2025'),
    ],
  },
  {
    capability: 'Email and office productivity',
    tier: 'both',
    owner: 'Head of ICT',
    users: 600,
    cpv: SOFTWARE,
    overlap: 0,
    products: [p('Exonbury Office Cloud', 'exonbury', 140_000, 'saas', 'enterprise agreement', '2025')],
  },
  {
    capability: 'Identity and access',
    tier: 'both',
    owner: 'Head of ICT',
    users: 600,
    cpv: DATABASE,
    overlap: 0.1,
    products: [
      p('Exonbury Directory', 'exonbury', 0, 'saas', 'enterprise agreement', '2025'),
      p('Quartershot Gate', 'quartershot', 22_000, 'on-premises', 'perpetual', '7.2', '2026-10-31'),
    ],
  },
  {
    capability: 'Network and security',
    tier: 'both',
    owner: 'Head of ICT',
    users: 10,
    cpv: TELECOMS,
    overlap: 0.2,
    products: [
      p('Managed WAN', 'rainbarrow', 75_000, 'hosted', 'subscription', 'n/a'),
      p('Quartershot Firewall', 'quartershot', 30_000, 'on-premises', 'subscription', '9.1'),
    ],
  },
  {
    capability: 'Telephony and contact centre',
    tier: 'both',
    owner: 'Head of Customer Services',
    users: 150,
    cpv: TELECOMS,
    overlap: 0.1,
    products: [
      p('Knollsea Voice', 'knollsea', 65_000, 'hosted', 'per-user', '12'),
      p('Overcombe Contact Centre', 'overcombe', 42_000, 'on-premises', 'perpetual', '3.3', '2026-09-30'),
    ],
  },
  {
    capability: 'Service desk',
    tier: 'both',
    owner: 'Head of ICT',
    users: 30,
    cpv: MAINTENANCE,
    overlap: 0.1,
    products: [
      p('Egdon Desk', 'egdon-digital', 12_000, 'saas', 'per-user', '2025.2'),
      p('osTicket', '', 0, 'on-premises', 'open source', '1.18'),
    ],
  },
  {
    capability: 'Business intelligence',
    tier: 'both',
    owner: 'Head of Performance and Insight',
    users: 80,
    cpv: DATABASE,
    overlap: 0.3,
    products: [
      p('Lulwind Dashboards', 'lulwind', 26_000, 'saas', 'per-user', '2025'),
      p('Yalbury Warehouse', 'yalbury', 55_000, 'on-premises', 'perpetual', '5.0', '2027-06-30'),
    ],
  },
  {
    capability: 'Backup and recovery',
    tier: 'both',
    owner: 'Head of ICT',
    users: 5,
    cpv: IT_SERVICES,
    overlap: 0.1,
    products: [p('Flintcomb Vault', 'flintcomb', 32_000, 'hosted', 'subscription', '2025')],
  },
  {
    capability: 'Hosting',
    tier: 'both',
    owner: 'Head of ICT',
    users: 5,
    cpv: IT_SERVICES,
    overlap: 0,
    products: [p('Flintcomb Private Cloud', 'flintcomb', 110_000, 'hosted', 'subscription', 'n/a')],
  },
  {
    capability: 'Printing and mail',
    tier: 'both',
    owner: 'Head of ICT',
    users: 600,
    cpv: MAINTENANCE,
    overlap: 0,
    products: [p('Managed Print', 'nuttlebury', 48_000, 'hosted', 'subscription', 'n/a')],
  },
  {
    capability: 'Complaints and FOI',
    tier: 'both',
    owner: 'Information Governance Manager',
    users: 30,
    cpv: BUSINESS,
    overlap: 0.2,
    products: [
      p('Egdon Case', 'egdon-digital', 9_000, 'saas', 'subscription', '2025.2'),
      p('Respond', 'greenhill', 11_000, 'hosted', 'subscription', '4.4'),
    ],
  },
  {
    capability: 'Asset management',
    tier: 'both',
    owner: 'Head of Property',
    users: 25,
    cpv: BUSINESS,
    overlap: 0.2,
    products: [
      p('Estates Register', 'blackmoor', 19_000, 'on-premises', 'perpetual', '2.9', '2025-12-31'),
      p('Hintock Assets', 'hintock', 23_000, 'saas', 'subscription', '2025'),
    ],
  },
  {
    capability: 'Fleet management',
    tier: 'both',
    owner: 'Fleet Manager',
    users: 10,
    cpv: INDUSTRY,
    overlap: 0,
    products: [p('Fleetline', 'blackmoor', 14_000, 'hosted', 'subscription', '3.3')],
  },
  {
    capability: 'Legal case management',
    tier: 'both',
    owner: 'Monitoring Officer',
    users: 20,
    cpv: BUSINESS,
    overlap: 0,
    products: [p('Brief', 'stourcastle', 16_000, 'saas', 'per-user', '2025.1')],
  },
  {
    capability: 'Grants',
    tier: 'both',
    owner: 'Head of Communities',
    users: 10,
    cpv: BUSINESS,
    overlap: 0.3,
    products: [p('Grant Tracker', 'port-bredy-code', 6_000, 'hosted', 'subscription', '1.2')],
  },
  {
    capability: 'Mobile working',
    tier: 'both',
    owner: 'Head of ICT',
    users: 150,
    cpv: SOFTWARE,
    overlap: 0.3,
    products: [p('Fieldbook', 'greenhill', 24_000, 'saas', 'per-user', '2025.2')],
  },
];

/** The long tail: small local tools every council has, mostly spreadsheets and databases. */
// prettier-ignore
export const LONG_TAIL_TOPICS = [
  'Allotments', 'Beach huts', 'Pest control', 'Dog warden', 'Street naming and numbering', 'Tree preservation orders', 'Community grants',
  'Members’ allowances', 'Events', 'Markets', 'Taxi licensing appeals', 'Graffiti reports', 'Abandoned vehicles',
  'Car park season tickets', 'Harbour moorings', 'Public toilets inspections', 'Play area inspections', 'Empty homes',
  'Disabled facilities grants', 'Temporary accommodation bookings', 'Sandbag requests', 'Civic awards', 'Twinning association',
  'Christmas lights', 'Staff car parking', 'Key holders', 'Flood wardens', 'Blue badge appeals', 'Safeguarding training records',
  'Food hygiene rescoring', 'Noise diary', 'Planning enforcement log', 'Right to buy', 'Homelessness prevention fund',
  'Council house repairs (legacy)', 'Business rates reliefs', 'Sundry debtors', 'Freedom of information log', 'Member enquiries',
  'Parish precepts', 'Elections polling stations', 'Rural transport', 'Cemetery plot map', 'Sports pitch bookings', 'Museum collections',
  'Town hall room bookings', 'Lifeguard rotas', 'Coastal erosion monitoring', 'Bathing water samples', 'Air quality diffusion tubes',
  'Housing standards HMO register',
];

export const LONG_TAIL_FORMS: readonly [form: string, hosting: Hosting][] = [
  ['database (Access)', 'on-premises'],
  ['tracker (Excel)', 'on-premises'],
  ['register (SharePoint list)', 'saas'],
  ['web form and spreadsheet', 'saas'],
  ['app (in-house)', 'on-premises'],
];
