/**
 * Reading a TSA's answer (RFC 3161 §2.4.2 TimeStampResp): granted with a token, or rejected with
 * the TSA's text and failure codes.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { PKIStatus, TimeStampResp } from '@peculiar/asn1-tsp';
import { TimestampProblem } from './timestamp-problem.ts';

export interface ReadTimestampResponse {
  status: 'granted' | 'rejected';
  /** The TimeStampToken (a CMS ContentInfo), DER: what is kept as evidence. */
  token?: Buffer;
  /** Why it was refused: the TSA's text and RFC 3161 failure codes. */
  failure?: string;
}

// RFC 3161 §2.4.2 PKIFailureInfo, by bit number.
const FAILURES: Record<number, string> = {
  0: 'badAlg',
  2: 'badRequest',
  5: 'badDataFormat',
  14: 'timeNotAvailable',
  15: 'unacceptedPolicy',
  16: 'unacceptedExtension',
  17: 'addInfoNotAvailable',
  25: 'systemFailure',
};

/** The numbers of the bits set in a named-bit BIT STRING (bit 0 is the first octet's top bit, X.690 §8.6.2). */
function bitsSet(octets: Buffer): number[] {
  const bits: number[] = [];
  octets.forEach((octet, index) => {
    for (let bit = 0; bit < 8; bit++) if (octet & (0x80 >> bit)) bits.push(index * 8 + bit);
  });
  return bits;
}

/**
 * Parses a DER TimeStampResp; throws TimestampProblem('malformed') if it is not one.
 * @example const { status, token, failure } = readTimestampResponse(Buffer.from(await response.arrayBuffer()));
 */
export function readTimestampResponse(responseDer: Buffer): ReadTimestampResponse {
  let response: TimeStampResp;
  try {
    response = AsnConvert.parse(responseDer, TimeStampResp);
  } catch (error) {
    throw new TimestampProblem('malformed', `The TSA's answer is not a TimeStampResp: ${(error as Error).message}`);
  }
  const { status, statusString, failInfo } = response.status;
  if ((status === PKIStatus.granted || status === PKIStatus.grantedWithMods) && response.timeStampToken)
    return { status: 'granted', token: Buffer.from(AsnConvert.serialize(response.timeStampToken)) };
  const codes = failInfo ? bitsSet(Buffer.from(failInfo.value)).map((bit) => FAILURES[bit] ?? `bit ${bit}`) : [];
  const text = [...(statusString ?? [])].join('; ');
  return {
    status: 'rejected',
    failure: [text || `status ${status}`, codes.length ? `(${codes.join(', ')})` : ''].filter(Boolean).join(' '),
  };
}
