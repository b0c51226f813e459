/** RFC 3161 timestamping: requests, the authority's responder, and offline verification of tokens. */
export { createTimestampRequest, readTimestampRequest } from './timestamp-request.ts';
export { createTimestampAuthority, generateTimestampingKeyPair, DEFAULT_TIMESTAMP_POLICY } from './timestamp-authority.ts';
export { readTimestampResponse } from './read-timestamp-response.ts';
export { verifyTimestampToken } from './verify-timestamp.ts';
export { certificateOfTimestampToken } from './timestamp-token.ts';
export { TimestampProblem } from './timestamp-problem.ts';
