/**
 * Finding addresses in the register: one search box that understands a postcode, a UPRN or
 * words of the address, and the property page's facts (which gazetteers hold it and how).
 */
import type { Database } from '@joinery/core';
import { normaliseValue } from '@joinery/linkage';
import { singleLineAddress, type RegisterAddress } from '../address.ts';
import { registersError } from '../errors.ts';
import {
  gazetteerHoldings,
  getAddressRow,
  listConflicts,
  searchAddressRows,
  sourceSystemHoldings,
  type AddressRow,
  type RegistersDb,
} from '../store/addresses.ts';
import type { RegistersTables } from '../tables.ts';

export function registersDb(database: Database): RegistersDb {
  return database.db.withTables<RegistersTables>() as unknown as RegistersDb;
}

export interface AddressSearch {
  query: string;
  /** How the query was read. */
  readAs: 'postcode' | 'uprn' | 'words' | 'empty';
  total: number;
  addresses: AddressRow[];
}

const UPRN = /^\d{1,12}$/;

/**
 * @example await searchAddresses(database, 'WX1 2AB') // every address at the postcode
 * @example await searchAddresses(database, 'high st casterbridge') // words, in any order
 */
export async function searchAddresses(database: Database, query: string, limit = 50): Promise<AddressSearch> {
  const trimmed = query.trim().slice(0, 200);
  const db = registersDb(database);
  if (trimmed === '') return { query: trimmed, readAs: 'empty', total: 0, addresses: [] };
  if (UPRN.test(trimmed)) {
    const found = await searchAddressRows(db, { uprn: trimmed }, limit);
    return { query: trimmed, readAs: 'uprn', total: found.total, addresses: found.rows };
  }
  const postcode = normaliseValue('postcode', trimmed);
  if (postcode) {
    const found = await searchAddressRows(db, { postcode }, limit);
    return { query: trimmed, readAs: 'postcode', total: found.total, addresses: found.rows };
  }
  const words = trimmed
    .split(/[\s,]+/)
    .map((w) => w.trim())
    .filter((w) => w.length > 0)
    .slice(0, 8);
  const found = await searchAddressRows(db, { words }, limit);
  return { query: trimmed, readAs: 'words', total: found.total, addresses: found.rows };
}

export interface PropertyFacts {
  address: AddressRow;
  /** Each gazetteer's version of the address (approved, alternative, historical). */
  gazetteers: { organisationCode: string; fileName: string; gazetteerId: number; status: string; singleLine: string }[];
}

/** @example await getProperty(database, '100012345678') */
export async function getProperty(database: Database, uprn: string): Promise<PropertyFacts> {
  if (!UPRN.test(uprn)) throw registersError('REGISTERS_UPRN_INVALID', `"${uprn.slice(0, 40)}" is not a UPRN: a UPRN is 1 to 12 digits`);
  const db = registersDb(database);
  const address = await getAddressRow(db, uprn);
  if (!address) throw registersError('REGISTERS_UPRN_UNKNOWN', `No address in the register has UPRN ${uprn}`);
  const holdings = await gazetteerHoldings(db, uprn);
  return {
    address,
    gazetteers: holdings.map((h) => ({
      organisationCode: h.organisation_code,
      fileName: h.file_name,
      gazetteerId: h.gazetteer_id,
      status: h.status,
      singleLine: singleLineAddress(h.address as unknown as RegisterAddress),
    })),
  };
}

/** @example await addressConflicts(database, { limit: 50 }) */
export async function addressConflicts(database: Database, { limit = 50, offset = 0 } = {}) {
  return listConflicts(registersDb(database), limit, offset);
}

/**
 * Which source systems hold records at a UPRN, and how many: which of the new authority's
 * systems know this property. Counts only, but still telling (a social-care record at an
 * address), so the routes show it only to those who may see personal data, and audit it.
 * @example await propertyHoldings(database, '100012345678') // [{ systemKey: 'casterbridge/council-tax', records: 2, … }]
 */
export async function propertyHoldings(database: Database, uprn: string) {
  if (!UPRN.test(uprn)) throw registersError('REGISTERS_UPRN_INVALID', `"${uprn.slice(0, 40)}" is not a UPRN: a UPRN is 1 to 12 digits`);
  return sourceSystemHoldings(registersDb(database), String(Number(uprn)));
}
