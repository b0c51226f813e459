/**
 * An organisation's contracts as an OCDS 1.1.5 release package. One release per contracting
 * process (the council's reference: rows sharing one are one procurement with several
 * suppliers or lots), with an award and a contract per row. The exit terms no standard carries
 * go in each contract's `lgr` object (the LGR extension, README.md). Pure: no I/O.
 */
import { createHash } from 'node:crypto';
import type { Contract } from '../model.ts';

/**
 * Joinery's ocid prefix until a council registers its own with the Open Contracting Partnership
 * (OCDS 1.1 "Identifiers": ocid = prefix + a process id unique to the publisher).
 */
export const DEFAULT_OCID_PREFIX = 'ocds-joinery';

export interface OcdsExportInput {
  organisation: { code: string; name: string };
  contracts: readonly Contract[];
  /** Where the package is published (its `uri`). */
  uri: string;
  publishedDate: Date;
  /** When the contracts were imported: each release's date. */
  releaseDate: Date;
  ocidPrefix?: string;
}

type Json = Record<string, unknown>;

const dateTime = (date: string | null) => (date ? `${date}T00:00:00Z` : undefined);
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

/** The party id and identifiers of a supplier: Companies House first, then a charity register, then the Mutuals Public Register, else its name. */
function supplierParty(contract: Contract): Json {
  const charityScheme = contract.supplierCharityNumber?.startsWith('SC')
    ? 'GB-SC'
    : contract.supplierCharityNumber?.startsWith('NIC')
      ? 'GB-NIC'
      : 'GB-CHC';
  const company = contract.supplierCompanyNumber
    ? { scheme: 'GB-COH', id: contract.supplierCompanyNumber, legalName: contract.supplierName }
    : undefined;
  const charity = contract.supplierCharityNumber
    ? { scheme: charityScheme, id: contract.supplierCharityNumber, legalName: contract.supplierName }
    : undefined;
  const society = contract.supplierSocietyNumber
    ? { scheme: 'GB-MPR', id: contract.supplierSocietyNumber, legalName: contract.supplierName }
    : undefined;
  const primary = company ?? charity ?? society;
  // No register number: an id stable for the same name, so one supplier is one party.
  const id = primary
    ? `${primary.scheme}-${primary.id}`
    : `supplier-${createHash('sha256').update(contract.supplierName.toLowerCase()).digest('hex').slice(0, 12)}`;
  const details: Json = {};
  if (contract.isSmeSupplier !== null) details.scale = contract.isSmeSupplier ? 'sme' : 'large';
  if (contract.isVcseSupplier !== null) details.isVcse = contract.isVcseSupplier;
  return {
    id,
    name: contract.supplierName,
    ...(primary ? { identifier: primary } : {}),
    ...(company && charity ? { additionalIdentifiers: [charity] } : {}),
    roles: ['supplier'],
    ...(Object.keys(details).length > 0 ? { details } : {}),
  };
}

/** The LGR extension's object for one contract: only what is known. */
export function lgrObject(c: Contract): Json {
  const lgr: Json = {
    noticePeriod: c.noticePeriod,
    noticeServedDate: c.noticeServedDate,
    breakDates: c.breakDates.length > 0 ? c.breakDates : null,
    terminationCost: c.terminationCost === null ? null : { amount: c.terminationCost, currency: 'GBP' },
    isAutoRenewing: c.isAutoRenewing,
    isNovationRequired: c.isNovationRequired,
    hasChangeOfControlClause: c.hasChangeOfControlClause,
  };
  return Object.fromEntries(Object.entries(lgr).filter(([, v]) => v !== null));
}

function release(input: OcdsExportInput, reference: string, rows: readonly Contract[]): Json {
  const { organisation } = input;
  const ocid = `${input.ocidPrefix ?? DEFAULT_OCID_PREFIX}-${organisation.code}-${reference.replace(/\s+/g, '-')}`;
  const first = rows[0]!;
  const buyer = { id: organisation.code, name: organisation.name };
  const parties = new Map<string, Json>([[buyer.id, { ...buyer, roles: ['buyer'] }]]);
  let procuringEntity: Json | undefined;
  if (first.department) {
    procuringEntity = { id: `${organisation.code}/${slug(first.department)}`, name: `${organisation.name}: ${first.department}` };
    parties.set(procuringEntity.id as string, { ...procuringEntity, roles: ['procuringEntity'] });
  }
  const awards: Json[] = [];
  const contracts: Json[] = [];
  for (const c of rows) {
    const supplier = supplierParty(c);
    const known = parties.get(supplier.id as string);
    if (!known) parties.set(supplier.id as string, supplier);
    const id = `${reference}-${c.row}`;
    const value = c.value === null ? undefined : { amount: c.value, currency: 'GBP' };
    const period = c.startDate || c.endDate ? { startDate: dateTime(c.startDate), endDate: dateTime(c.endDate) } : undefined;
    awards.push({
      id,
      title: c.title,
      status: 'active',
      suppliers: [{ id: supplier.id, name: c.supplierName }],
      value,
      contractPeriod: period,
    });
    const lgr = lgrObject(c);
    contracts.push({
      id,
      awardID: id,
      title: c.title,
      description: c.description ?? undefined,
      status: 'active',
      period,
      value,
      // The Transparency Code's review date has no OCDS field: a milestone of type assessment.
      milestones: c.reviewDate
        ? [{ id: `${id}-review`, title: 'Contract review', type: 'assessment', dueDate: dateTime(c.reviewDate), status: 'scheduled' }]
        : undefined,
      lgr: Object.keys(lgr).length > 0 ? lgr : undefined,
    });
  }
  const cpv = rows.find((c) => c.cpvCode)?.cpvCode;
  return {
    ocid,
    id: `${ocid}-${input.releaseDate.toISOString().slice(0, 10)}`,
    date: input.releaseDate.toISOString(),
    tag: ['award', 'contract'],
    initiationType: 'tender',
    language: 'en',
    buyer,
    parties: [...parties.values()],
    tender: {
      id: reference,
      title: first.title,
      procurementMethodDetails: first.procurementRoute ?? undefined,
      procuringEntity,
      items: cpv ? [{ id: '1', description: first.title, classification: { scheme: 'CPV', id: cpv } }] : undefined,
    },
    awards,
    contracts,
  };
}

/** Drops undefined members, so that the JSON has no keys the schema would read as null. */
function clean<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * @example const pkg = ocdsReleasePackage({ organisation, contracts, uri, publishedDate: new Date(), releaseDate });
 */
export function ocdsReleasePackage(input: OcdsExportInput): Json {
  const byReference = new Map<string, Contract[]>();
  for (const c of input.contracts) {
    const rows = byReference.get(c.reference);
    if (rows) rows.push(c);
    else byReference.set(c.reference, [c]);
  }
  return clean({
    uri: input.uri,
    version: '1.1',
    publishedDate: input.publishedDate.toISOString(),
    publisher: { name: input.organisation.name },
    releases: [...byReference].map(([reference, rows]) => release(input, reference, rows)),
  });
}
