/**
 * Checking an evidence bundle for someone signed in, by page or API: the same checks as
 * `joinery exchange verify-evidence`, then an audit event with the bundle's SHA-256 and the
 * outcome. It reads no personal data held here (the bundle is the caller's own), so any
 * signed-in user may.
 */
import { createHash } from 'node:crypto';
import { recordAudit, type AuditEvent, type Database } from '@joinery/core';
import { verifyEvidenceBundle, type EvidenceReport } from './evidence.ts';

/** A bundle holds a message's entries (bodies included) and a few certificates: 10 MB is far above any real one. */
export const EVIDENCE_MAX_BYTES = 10 * 1_048_576;

export interface EvidenceCheck {
  /** The bundle as received: its SHA-256 is what the audit event records. */
  content: Buffer;
  bundle: unknown;
  fileName?: string;
  trustedCaFingerprints: string[];
  user: AuditEvent['actor'];
  actingFor: string | undefined;
  clientAddress: string;
}

export interface CheckedEvidence {
  /** JSON, but not an evidence bundle: refused, and not audited (nothing was checked). */
  isNotEvidence: boolean;
  report: EvidenceReport;
  sha256: string;
  /** Each entry proven, with when it was logged and (to the millisecond) timestamped. */
  entries: {
    seq: number;
    direction: string;
    method: string;
    path: string;
    status: number | null;
    loggedAt: string;
    timestampedAt: string | null;
  }[];
  problems: { severity: string; message: string }[];
}

export async function checkEvidence(database: Database, check: EvidenceCheck): Promise<CheckedEvidence> {
  const report = verifyEvidenceBundle(
    check.bundle,
    check.trustedCaFingerprints.length ? { trustedCaFingerprints: check.trustedCaFingerprints } : {},
  );
  const sha256 = createHash('sha256').update(check.content).digest('hex');
  const isNotEvidence = report.problems.some((p) => p.kind === 'not-evidence');
  if (!isNotEvidence)
    await recordAudit(database.db, {
      actor: check.user,
      organisationCode: check.actingFor,
      action: 'exchange.evidence.verify',
      subjectType: 'exchange-message',
      subjectId: (report.messageId ?? sha256).slice(0, 200),
      details: {
        holds: report.isValid,
        gateway: report.gateway ?? null,
        fileName: check.fileName?.slice(0, 200) ?? null,
        sha256,
        trustedCa: check.trustedCaFingerprints.length ? check.trustedCaFingerprints.join(',') : null,
        problems: report.problems.length + report.trustProblems.length,
      },
      clientAddress: check.clientAddress,
    });
  return {
    isNotEvidence,
    report,
    sha256,
    entries: report.entries.map((e) => ({
      seq: e.seq,
      direction: e.record.direction,
      method: e.record.method ?? '',
      path: e.record.path ?? '',
      status: e.record.status ?? null,
      loggedAt: e.at,
      timestampedAt: report.timestamps.find((t) => t.seq === e.seq)?.genTime.toISOString() ?? null,
    })),
    problems: [
      ...report.trustProblems.map((message) => ({ severity: 'error', message })),
      ...report.problems.map((p) => ({ severity: p.severity, message: p.message })),
    ],
  };
}
