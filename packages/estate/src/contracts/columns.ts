/**
 * Which column holds which contract field. Councils publish the Transparency Code contract
 * register under the LGA's schema headers ("Contract Reference number / ID", "Title of the
 * Agreement"…) or shorter ones of their own ("Reference", "Supplier", "Value"). Headers are
 * compared normalised (lower case, punctuation as spaces), against patterns tried in order:
 * the LGA's own names first, so that "Supplier name" wins over "Supplier" when a file has both.
 * An explicit mapping (field → column) overrides what is recognised.
 */
import { normaliseHeader, proposeColumns, resolveColumns, type FieldSet } from '../inventory/columns.ts';
import { CONTRACT_FIELD_LABELS, CONTRACT_FIELDS, REQUIRED_FIELDS, type ContractField, type ContractMapping } from '../model.ts';

export { normaliseHeader };

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

export const CONTRACT_FIELD_SET: FieldSet<ContractField> = {
  noun: 'contract',
  fields: CONTRACT_FIELDS,
  patterns: HEADER_PATTERNS,
  required: REQUIRED_FIELDS,
  labels: CONTRACT_FIELD_LABELS,
};

/**
 * The mapping the headers suggest: each field the first column matching its most specific pattern.
 * @example proposeMapping(['Reference', 'Title', 'Supplier', 'Value']).value // 'Value'
 */
export function proposeMapping(columns: readonly string[]): ContractMapping {
  return proposeColumns(columns, CONTRACT_FIELD_SET);
}

/**
 * The mapping to use: the explicit one (checked: known fields, columns in the file, no column
 * twice) over what the headers suggest; refused, with every problem, if a required field has
 * no column. A register with no reference column at all is read with derived references
 * (read-register.ts), so the reference is not required of the mapping.
 */
export function resolveMapping(columns: readonly string[], explicit: Record<string, string> | undefined, file: string): ContractMapping {
  return resolveColumns(columns, explicit, file, CONTRACT_FIELD_SET, ['reference']);
}
