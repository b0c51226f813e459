/**
 * Reading an applications inventory: which header names which field (the usual names
 * councils use, and the Wessex scenario's snake_case ones), and each cell's reader. Hosting is
 * one of on-premises, hosted or saas, recognised from the words people write ("on prem",
 * "cloud", "SaaS", "supplier hosted"…).
 */
import { Refusal, readCompanyNumber, readDate, readMoney, readText, type Read } from '../contracts/values.ts';
import type { FieldSet } from '../inventory/columns.ts';
import type { CellReader, RowSpec } from '../inventory/read-rows.ts';
import { APPLICATION_FIELD_LABELS, APPLICATION_FIELDS, type ApplicationField, type ApplicationValues, type Hosting } from './model.ts';

// Anchored patterns on normalised headers (lower case, punctuation and _ as spaces), most specific first.
export const APPLICATION_HEADER_PATTERNS: Record<ApplicationField, readonly RegExp[]> = {
  reference: [/^(application|app|system)( reference| ref| id| code| number| no)$/, /^(reference|ref|id)( no| number| code)?$/],
  name: [/^(application|app|system)( name)?$/, /^name$/],
  product: [/^product( name)?$/, /^(software|package)( name)?$/],
  supplierName: [/^(supplier|vendor)( name)?$/, /^(provider|developer)( name)?$/],
  supplierCompanyNumber: [/^(supplier )?(registered )?company (registration )?(number|no)$/, /^(supplier )?companies house (number|no)$/],
  version: [/^(product |software )?version( number| in use)?$/, /^release$/],
  hosting: [/^hosting( model| type| arrangement)?$/, /^(deployment|where hosted|hosted)$/],
  capability: [/^(business )?capability$/, /^(function|service area|purpose|service|business function)$/],
  businessOwner: [/^(business |system |application )?owner$/, /^(information asset owner|iao)$/],
  userCount: [/^(number of |no of )?users( count)?$/, /^user count$/],
  dataHeld: [/^data( held| stored)?$/, /^(information|personal data) held$/],
  annualCost: [/^annual cost( gbp)?$/, /^(yearly |total )?cost( per year| per annum| pa| gbp)?$/],
  licenceModel: [/^licen[cs]e( model| type)?$/, /^licen[cs]ing( model)?$/],
  endOfSupport: [/^end of (support|life)( date)?$/, /^(eos|eol)( date)?$/, /^support (ends|end date)$/],
  contractReference: [/^contract( reference| ref| id| number| no)?$/],
};

export const APPLICATION_FIELD_SET: FieldSet<ApplicationField> = {
  noun: 'application',
  fields: APPLICATION_FIELDS,
  patterns: APPLICATION_HEADER_PATTERNS,
  required: ['reference', 'name'],
  labels: APPLICATION_FIELD_LABELS,
};

const HOSTING_WORDS: Record<string, Hosting> = {
  'on premises': 'on-premises',
  'on premise': 'on-premises',
  'on prem': 'on-premises',
  onprem: 'on-premises',
  'on site': 'on-premises',
  onsite: 'on-premises',
  local: 'on-premises',
  internal: 'on-premises',
  'in house': 'on-premises',
  'data centre': 'on-premises',
  'council data centre': 'on-premises',
  hosted: 'hosted',
  'supplier hosted': 'hosted',
  'vendor hosted': 'hosted',
  'third party hosted': 'hosted',
  'externally hosted': 'hosted',
  managed: 'hosted',
  'managed service': 'hosted',
  'private cloud': 'hosted',
  iaas: 'hosted',
  saas: 'saas',
  cloud: 'saas',
  'public cloud': 'saas',
  'software as a service': 'saas',
  'cloud saas': 'saas',
};

/**
 * Where an application runs: on-premises, hosted (by a supplier, single tenant) or saas.
 * @example readHosting('On Prem') // 'on-premises'
 */
export function readHosting(text: string): Read<Hosting> {
  const value = text.trim();
  if (value === '') return null;
  const words = value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return (
    HOSTING_WORDS[words] ??
    new Refusal(`"${value.slice(0, 100)}" is not a kind of hosting: write on-premises, hosted or SaaS (or on prem, supplier hosted, cloud)`)
  );
}

/**
 * A count of people: a whole number, commas allowed, never negative.
 * @example readCount('1,250') // 1250
 */
export function readCount(text: string): Read<number> {
  const value = text.trim();
  if (value === '') return null;
  const plain = value.replace(/,(?=\d{3}(\D|$))/g, '').replace(/\.0+$/, '');
  if (!/^\d{1,9}$/.test(plain)) return new Refusal(`"${value.slice(0, 100)}" is not a number of users: write a whole number, e.g. 250`);
  return Number(plain);
}

function readCost(text: string): Read<number> {
  const read = readMoney(text);
  if (read instanceof Refusal) return new Refusal(read.message.replace(/a contract value/g, 'a cost').replace(/contract value/, 'cost'));
  return read;
}

export const APPLICATION_READERS: Record<ApplicationField, CellReader> = {
  reference: (t) => readText(t, 200),
  name: (t) => readText(t, 500),
  product: (t) => readText(t, 500),
  supplierName: (t) => readText(t, 500),
  supplierCompanyNumber: readCompanyNumber,
  version: (t) => readText(t, 200),
  hosting: readHosting,
  capability: (t) => readText(t, 500),
  businessOwner: (t) => readText(t, 500),
  userCount: readCount,
  dataHeld: (t) => readText(t, 2000),
  annualCost: readCost,
  licenceModel: (t) => readText(t, 200),
  endOfSupport: readDate,
  contractReference: (t) => readText(t, 200),
};

export const APPLICATION_ROWS: RowSpec<ApplicationField, ApplicationValues> = {
  readers: APPLICATION_READERS,
  labels: APPLICATION_FIELD_LABELS,
  empty: () => ({
    reference: '',
    name: '',
    product: null,
    supplierName: null,
    supplierCompanyNumber: null,
    version: null,
    hosting: null,
    capability: null,
    businessOwner: null,
    userCount: null,
    dataHeld: null,
    annualCost: null,
    licenceModel: null,
    endOfSupport: null,
    contractReference: null,
  }),
  required: ['reference', 'name'],
};
