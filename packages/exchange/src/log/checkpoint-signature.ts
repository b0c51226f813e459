/**
 * A checkpoint binds the chain's head to the gateway's key: the signature is over
 * `JCS({ gateway, upTo, headHash, at })` (RFC 8785), so anyone holding the public key can check
 * it without any of the log's own code. Ed25519 (RFC 8032) through node:crypto.
 */
import { verify } from 'node:crypto';
import { canonicalJson } from '../configuration/signature.ts';
import type { ResolveKey } from './model.ts';

export interface CheckpointClaim {
  gateway: string;
  upTo: number;
  headHash: string;
  at: string;
}

/** The bytes a checkpoint signs. */
export const checkpointPayload = ({ gateway, upTo, headHash, at }: CheckpointClaim): Buffer =>
  canonicalJson({ gateway, upTo, headHash, at });

export type CheckpointSignatureCheck = { isValid: true } | { isValid: false; problem: 'unknown-key' | 'bad-signature'; message: string };

/** Checks a checkpoint's signature with the key its keyId resolves to; never throws. */
export function checkCheckpointSignature(
  claim: CheckpointClaim,
  keyId: string,
  signature: string,
  resolveKey: ResolveKey,
): CheckpointSignatureCheck {
  let key;
  try {
    key = resolveKey(keyId);
  } catch {
    key = undefined;
  }
  if (!key)
    return {
      isValid: false,
      problem: 'unknown-key',
      message: `The checkpoint is signed with key ${keyId.slice(0, 16)}…, which the verifier does not know: supply the gateway’s signing certificate for that key`,
    };
  let isValid: boolean;
  try {
    isValid = verify(null, checkpointPayload(claim), key, Buffer.from(signature, 'base64'));
  } catch {
    isValid = false;
  }
  return isValid
    ? { isValid }
    : {
        isValid,
        problem: 'bad-signature',
        message: `The checkpoint’s signature over entries up to ${claim.upTo} does not verify with key ${keyId.slice(0, 16)}…: the checkpoint or the entries it covers were altered`,
      };
}
