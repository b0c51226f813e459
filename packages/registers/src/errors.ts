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
} as const;

export type RegistersErrorCode = keyof typeof REGISTERS_ERRORS;
export const registersError = defineErrors<RegistersErrorCode>(REGISTERS_ERRORS);
