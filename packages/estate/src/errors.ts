/** The estate's error codes: one table, rendered as JSON or as a GOV.UK error summary by the server. */
import { defineErrors } from '@joinery/core';

export const ESTATE_ERRORS = {
  ESTATE_IMPORT_INVALID: { status: 400, message: 'The contract register cannot be imported: some rows have problems' },
  ESTATE_IMPORT_UNREADABLE: { status: 400, message: 'The contract register cannot be read' },
  ESTATE_MAPPING_INVALID: { status: 400, message: 'The column mapping does not fit the contract fields or the file' },
  ESTATE_IMPORT_ALREADY_DONE: { status: 409, message: 'This contract register has already been imported: nothing was changed' },
  ESTATE_ORGANISATION_UNKNOWN: { status: 404, message: 'No organisation has this code' },
  ESTATE_IMPORT_FORBIDDEN: { status: 403, message: 'Only an administrator of the organisation can import its contracts' },
  ESTATE_REORGANISATION_INVALID: { status: 400, message: 'The reorganisation cannot be recorded' },
  ESTATE_REORGANISATION_UNKNOWN: { status: 404, message: 'No reorganisation has this code' },
  ESTATE_REFERENCE_UNREADABLE: { status: 400, message: 'The reference list cannot be read' },
  ESTATE_REFERENCE_FORBIDDEN: { status: 403, message: 'Only an administrator can do this' },
  ESTATE_REFERENCE_MISSING: { status: 409, message: 'The reference list this needs has not been imported' },
  ESTATE_REGISTER_UNKNOWN: { status: 404, message: 'No council in the imported register has this code' },
  ESTATE_CLASSIFICATION_INVALID: { status: 400, message: 'The classification cannot be recorded' },
  ESTATE_CONTRACT_UNKNOWN: { status: 404, message: 'No current contract has this organisation and reference' },
  ESTATE_DECISION_INVALID: { status: 400, message: 'The contract decision cannot be recorded' },
  ESTATE_DECISION_FORBIDDEN: {
    status: 403,
    message: 'Only an administrator of the contract’s council or of the successor can decide on it',
  },
  ESTATE_CONVERGENCE_INVALID: { status: 400, message: 'There is a problem with the convergence change' },
  ESTATE_CONVERGENCE_FORBIDDEN: {
    status: 403,
    message: 'Only an administrator of the successor or of a predecessor council can change the convergence plan',
  },
  ESTATE_CONVERGENCE_NOT_FOUND: { status: 404, message: 'There is no such application, capability or plan item in this reorganisation' },
  ESTATE_HOLD_POINT_UNMET: { status: 409, message: 'The stage cannot start: its hold point criteria are not all met' },
  ESTATE_SUPPLIER_UNKNOWN: { status: 404, message: 'No supplier has this id in the contracts and applications in view' },
  ESTATE_SUPPLIER_INPUT_INVALID: { status: 400, message: 'The supplier’s assessment or plan cannot be recorded' },
  ESTATE_SUPPLIER_SCOPE_INVALID: { status: 400, message: 'Give a reorganisation or an organisation, not both' },
  ESTATE_SUPPLIER_CONTRACT_UNKNOWN: { status: 404, message: 'The organisation has no current contract with this reference' },
  ESTATE_SUPPLIER_FORBIDDEN: {
    status: 403,
    message: 'Only an administrator of an organisation concerned (or its successor) can change this',
  },
  ESTATE_GOVERNANCE_FORBIDDEN: {
    status: 403,
    message: 'Only an administrator of the successor council or of a predecessor council can change this',
  },
  ESTATE_GOVERNANCE_READ_FORBIDDEN: { status: 403, message: 'Only members of the organisations in the reorganisation can see this' },
  ESTATE_DECISION_RIGHTS_INVALID: { status: 400, message: 'The decision-rights matrix cannot be saved' },
  ESTATE_DECISION_RIGHTS_VERSION_UNKNOWN: { status: 404, message: 'The decision-rights matrix has no such version' },
  ESTATE_DECISION_RIGHTS_UNPUBLISHED: { status: 404, message: 'No version of the decision-rights matrix has been published' },
  ESTATE_READINESS_INVALID: { status: 400, message: 'The readiness rating cannot be recorded' },
  ESTATE_BENEFIT_INVALID: { status: 400, message: 'The benefit cannot be saved' },
  ESTATE_BENEFIT_UNKNOWN: { status: 404, message: 'The benefits register has no benefit with this reference' },
  ESTATE_SCORECARD_INVALID: { status: 400, message: 'The scorecard value cannot be recorded' },
} as const;

export type EstateErrorCode = keyof typeof ESTATE_ERRORS;
export const estateError = defineErrors<EstateErrorCode>(ESTATE_ERRORS);
