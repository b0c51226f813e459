/** The registers' error codes: one table, rendered as JSON or as a GOV.UK error summary by the server. */
import { defineErrors } from '@joinery/core';

export const REGISTERS_ERRORS = {
  REGISTERS_GAZETTEER_INVALID: { status: 400, message: 'The gazetteer file cannot be imported' },
  REGISTERS_GAZETTEER_ALREADY_IMPORTED: { status: 409, message: 'This gazetteer file has already been imported' },
  REGISTERS_UPRN_INVALID: { status: 400, message: 'A UPRN is a number of 1 to 12 digits' },
  REGISTERS_UPRN_UNKNOWN: { status: 404, message: 'No address in the register has this UPRN' },
  REGISTERS_ADDRESS_FILE_INVALID: { status: 400, message: 'The address file cannot be matched' },
  REGISTERS_REGISTER_EMPTY: { status: 409, message: 'The address register is empty: import a gazetteer first' },
  REGISTERS_MATCH_RUN_UNKNOWN: { status: 404, message: 'No address matching run has this number' },
  REGISTERS_ORGANISATION_UNKNOWN: { status: 404, message: 'No organisation has this code' },
  // Person index
  REGISTERS_SYSTEM_UNKNOWN: { status: 404, message: 'No source system has this key' },
  REGISTERS_SYSTEM_EXISTS: { status: 409, message: 'The organisation already has a source system with this code' },
  REGISTERS_SYSTEM_INVALID: { status: 400, message: 'The source system cannot be registered as given' },
  REGISTERS_MAPPING_INVALID: { status: 400, message: 'The column mapping does not fit the standard person shape or the file' },
  REGISTERS_EXTRACT_INVALID: { status: 400, message: 'The extract cannot be loaded' },
  REGISTERS_EXTRACT_ALREADY_LOADED: { status: 409, message: 'This extract has already been loaded: nothing was changed' },
  REGISTERS_INDEX_EMPTY: { status: 409, message: 'The person index is empty: load an extract and build the index first' },
  REGISTERS_PERSON_UNKNOWN: { status: 404, message: 'No person has this id' },
  REGISTERS_REVIEW_PAIR_UNKNOWN: { status: 404, message: 'No pair in the review queue has this number' },
  REGISTERS_REASON_REQUIRED: { status: 400, message: 'Say why you need to see personal data' },
  REGISTERS_PERSONAL_DATA_FORBIDDEN: { status: 403, message: 'Only caseworkers and information governance may see personal data' },
  REGISTERS_MATCH_INVALID: { status: 400, message: 'The record to match needs a name, a date of birth or an NHS number' },
} as const;

export type RegistersErrorCode = keyof typeof REGISTERS_ERRORS;
export const registersError = defineErrors<RegistersErrorCode>(REGISTERS_ERRORS);
