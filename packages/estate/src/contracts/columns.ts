/**
 * Which column holds which contract field. Councils publish the Transparency Code contract
 * register under the LGA's schema headers ("Contract Reference number / ID", "Title of the
 * Agreement"…) or shorter ones of their own ("Reference", "Supplier", "Value"). Headers are
 * compared normalised (lower case, punctuation as spaces), against patterns tried in order:
 * the LGA's own names first, so that "Supplier name" wins over "Supplier" when a file has both.
 * An explicit mapping (field → column) overrides what is recognised.
 */
import type { ProblemDetail } from '@joinery/core';
import { estateError } from '../errors.ts';
import { CONTRACT_FIELD_LABELS, CONTRACT_FIELDS, REQUIRED_FIELDS, type ContractField, type ContractMapping } from '../model.ts';

/** Lower case, every run of anything but letters and digits one space: "Supplier name:" → "supplier name". */
export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Anchored patterns on normalised headers, most specific first.
export const HEADER_PATTERNS: Record<ContractField, readonly RegExp[]> = {
  reference: [
    /^contract reference( number)?( id)?$/,
    /^(contract )?ref(erence)?( no| number| id| code)?$/,
    /^contract (id|number|no)$/,
    /^id$/,
  ],
  title: [/^title of (the )?(agreement|contract)$/, /^(contract |agreement )?title$/, /^(contract|agreement) name$/],
  description: [
    /^description of (the )?goods (and|or) services$/,
    /^(contract |agreement )?description( of (the )?(contract|agreement|services|goods))?$/,
  ],
  supplierName: [/^supplier name$/, /^(supplier|contractor|provider)( name)?$/, /^name of (the )?(supplier|contractor|provider)$/],
  supplierCompanyNumber: [
    /^supplier registered company number$/,
    /^(supplier )?(registered )?company (registration )?(number|no)$/,
    /^(supplier )?companies house (number|no)$/,
    /^company reg(istration)? (number|no)$/,
  ],
  supplierCharityNumber: [/^supplier registered charity number$/, /^(supplier )?(registered )?charity (registration )?(number|no)$/],
  value: [
    /^contract value( gbp)?$/,
    /^(total |estimated )?(contract )?value( gbp)?$/,
    /^value of (the )?contract$/,
    /^total (contract )?value$/,
  ],
  startDate: [/^contract start date$/, /^start( date)?$/, /^(contract )?commencement date$/],
  endDate: [/^end date$/, /^contract end date$/, /^(contract )?expiry date$/, /^end$/],
  reviewDate: [/^review date$/, /^contract review date$/],
  procurementRoute: [/^tender process type$/, /^procurement (route|method|process|procedure)$/, /^tender (process|type|route)$/],
  isSmeSupplier: [/^sme supplier$/, /^(is )?sme( supplier)?$/, /^supplier (is )?(an )?sme$/, /^sme (y n|yes no)$/],
  isVcseSupplier: [/^vcse supplier$/, /^(is )?vcse( supplier)?$/, /^supplier (is )?(a )?vcse$/, /^vcse (y n|yes no)$/],
  department: [
    /^directorate service responsible$/,
    /^(department|directorate|service area)( responsible)?$/,
    /^(responsible )?(department|directorate|service)$/,
  ],
  cpvCode: [/^procurement classification cpv code$/, /^cpv( code)?$/],
  noticePeriod: [/^notice( period)?( in)?( days| weeks| months| years)?$/, /^notice period (required|given)$/],
  noticeServedDate: [/^notice served( date| on)?$/, /^date notice served$/],
  breakDates: [/^break (dates?|clauses?|clause dates?|points?)$/],
  terminationCost: [/^(early )?termination (cost|fee|charge|payment)s?( gbp)?$/],
  isAutoRenewing: [/^(is )?auto(matic)?( )?renew(al|s|ing)?$/, /^renews automatically$/],
  isNovationRequired: [/^novation( required| needed)?$/],
  hasChangeOfControlClause: [/^change of control( clause)?$/],
};

/**
 * The mapping the headers suggest: each field the first column matching its most specific pattern.
 * @example proposeMapping(['Reference', 'Title', 'Supplier', 'Value']).value // 'Value'
 */
export function proposeMapping(columns: readonly string[]): ContractMapping {
  const normalised = columns.map(normaliseHeader);
  const taken = new Set<number>();
  const mapping: ContractMapping = {};
  // Most specific patterns claim first, across all fields, so short names never steal an LGA column.
  const depth = Math.max(...Object.values(HEADER_PATTERNS).map((p) => p.length));
  for (let level = 0; level < depth; level++) {
    for (const field of CONTRACT_FIELDS) {
      const pattern = HEADER_PATTERNS[field][level];
      if (!pattern || mapping[field]) continue;
      const index = normalised.findIndex((h, i) => !taken.has(i) && pattern.test(h));
      if (index >= 0) {
        mapping[field] = columns[index]!;
        taken.add(index);
      }
    }
  }
  return mapping;
}

/**
 * The mapping to use: the explicit one (checked: known fields, columns in the file, no column
 * twice) over what the headers suggest; refused, with every problem, if a required field has
 * no column.
 */
export function resolveMapping(columns: readonly string[], explicit: Record<string, string> | undefined, file: string): ContractMapping {
  const problems: ProblemDetail[] = [];
  const known = new Set<string>(CONTRACT_FIELDS);
  const present = new Set(columns);
  const given: ContractMapping = {};
  for (const [field, column] of Object.entries(explicit ?? {})) {
    if (!known.has(field))
      problems.push({ file, field, message: `"${field}" is not a contract field: use one of ${CONTRACT_FIELDS.join(', ')}` });
    else if (!present.has(column)) problems.push({ file, field, column, message: `${file} has no column "${column}" (for ${field})` });
    else given[field as ContractField] = column;
  }
  const usedTwice = Object.values(given).filter((c, i, all) => all.indexOf(c) !== i);
  for (const column of new Set(usedTwice))
    problems.push({ file, column, message: `The column "${column}" is mapped to more than one field` });
  const givenColumns = new Set(Object.values(given));
  const proposed = proposeMapping(columns.filter((c) => !givenColumns.has(c)));
  const mapping: ContractMapping = { ...proposed, ...given };
  for (const field of REQUIRED_FIELDS)
    if (!mapping[field])
      problems.push({
        file,
        field,
        message: `No column holds the ${CONTRACT_FIELD_LABELS[field].toLowerCase()}: name it in the mapping (e.g. {"${field}": "Your column"})`,
      });
  if (problems.length > 0) throw estateError('ESTATE_MAPPING_INVALID', problems.map((p) => p.message).join('; '), problems);
  // In the order of CONTRACT_FIELDS, for stable reports.
  return Object.fromEntries(CONTRACT_FIELDS.filter((f) => mapping[f]).map((f) => [f, mapping[f]!])) as ContractMapping;
}
