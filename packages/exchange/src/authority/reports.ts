/**
 * Gateways' reports, and the operators' overview built from them. A report is accepted only
 * when it verifies with the reporting gateway's sign certificate (Ed25519 over the report's
 * JCS form; RFC 9421 signatures come later), from an active gateway of an active member, and
 * is for that gateway. The same report twice is stored once. Refused reports are audited;
 * accepted ones are kept in their own table rather than the audit trail (they arrive every few
 * minutes from every gateway).
 */
import { verify, X509Certificate } from 'node:crypto';
import { recordAudit } from '@joinery/core';
import { Value } from 'typebox/value';
import { canonicalJson } from '../configuration/signature.ts';
import { parseGatewayId } from '../identifiers.ts';
import type { AuthorityContext } from './context.ts';
import { authorityError, type AuthorityErrorCode } from './errors.ts';
import { GatewayReport, type SignedGatewayReport } from './gateway-report.ts';
import { findHostedFederation } from './lookups.ts';
import { asCoreDb } from './tables.ts';
import type { ReceivedReport } from './model.ts';

/** Reports from further ahead than this are refused (the gateway's clock is wrong). */
const FUTURE_MS = 5 * 60_000;

/**
 * @example await receiveGatewayReport(authority, { report, signature: sign(null, canonicalJson(report), signKey).toString('base64') });
 */
export async function receiveGatewayReport(
  authority: AuthorityContext,
  body: SignedGatewayReport & { clientAddress?: string },
): Promise<ReceivedReport> {
  const { db } = authority;
  const claimed = typeof body?.report?.gatewayId === 'string' ? body.report.gatewayId.slice(0, 200) : 'unknown';
  const refuse = async (code: AuthorityErrorCode, message: string, details: { field: string; message: string }[] = []): Promise<never> => {
    await recordAudit(asCoreDb(db), {
      action: 'exchange.gateway-report.receive',
      outcome: 'refused',
      subjectType: 'exchange-gateway',
      subjectId: claimed,
      details: { code, message },
      clientAddress: body?.clientAddress,
    });
    throw authorityError(code, message, details);
  };
  if (!Value.Check(GatewayReport, body?.report)) {
    const errors = [...Value.Errors(GatewayReport, body?.report)].slice(0, 20);
    return refuse(
      'EXCHANGE_REPORT_INVALID',
      'The gateway report is not well formed',
      errors.map((e) => ({ field: `report${e.instancePath}`, message: `report${e.instancePath} ${e.message}` })),
    );
  }
  const report = body.report;
  const id = parseGatewayId(report.gatewayId);
  if (!id) return refuse('EXCHANGE_REPORT_INVALID', `"${claimed}" is not a gateway id INSTANCE/CLASS/MEMBER/GATEWAY`);
  const now = authority.now();
  const [start, end] = [Date.parse(report.periodStart), Date.parse(report.periodEnd)];
  if (!(start <= end)) return refuse('EXCHANGE_REPORT_INVALID', 'The report’s period ends before it starts');
  if (end > now.getTime() + FUTURE_MS)
    return refuse('EXCHANGE_REPORT_INVALID', `The report’s period ends at ${report.periodEnd}, in the future: check the gateway’s clock`);
  await findHostedFederation(db, id.instance);
  const gateway = await db
    .selectFrom('exchange_gateways as g')
    .innerJoin('exchange_members as m', (j) =>
      j.onRef('m.federation_code', '=', 'g.federation_code').onRef('m.member_code', '=', 'g.member_code'),
    )
    .select(['g.status', 'm.status as member_status', 'm.member_class'])
    .where('g.federation_code', '=', id.instance)
    .where('g.member_code', '=', id.memberCode)
    .where('g.gateway_code', '=', id.gatewayCode)
    .executeTakeFirst();
  if (!gateway || gateway.member_class !== id.memberClass)
    return refuse('EXCHANGE_REPORT_SIGNATURE_INVALID', `${claimed} is not a gateway of this federation`);
  if (gateway.status !== 'active' || gateway.member_status !== 'active')
    return refuse(
      'EXCHANGE_REPORT_SIGNATURE_INVALID',
      `${claimed} is ${gateway.member_status === 'revoked' ? 'of a revoked member' : gateway.status}: its reports are not accepted`,
    );
  let certificates = db
    .selectFrom('exchange_certificates')
    .select(['serial_number', 'certificate_pem'])
    .where('federation_code', '=', id.instance)
    .where('member_code', '=', id.memberCode)
    .where('gateway_code', '=', id.gatewayCode)
    .where('usage', '=', 'sign')
    .where('revoked_at', 'is', null)
    .where('not_after', '>', now)
    .orderBy('not_after', 'desc');
  if (body.certificateSerial) certificates = certificates.where('serial_number', '=', body.certificateSerial.toLowerCase());
  const certificate = await certificates.executeTakeFirst();
  if (!certificate)
    return refuse(
      'EXCHANGE_REPORT_SIGNATURE_INVALID',
      `${claimed} has no current sign certificate${body.certificateSerial ? ` with serial ${body.certificateSerial.slice(0, 64)}` : ''}`,
    );
  const signature = Buffer.from(String(body.signature), 'base64');
  const publicKey = new X509Certificate(certificate.certificate_pem).publicKey;
  if (!verify(null, canonicalJson(report), publicKey, signature))
    return refuse(
      'EXCHANGE_REPORT_SIGNATURE_INVALID',
      `The report does not verify with ${claimed}'s sign certificate ${certificate.serial_number}: it was altered, or signed with another key`,
    );

  const duplicate = await db
    .selectFrom('exchange_gateway_reports')
    .select(['id', 'received_at'])
    .where('federation_code', '=', id.instance)
    .where('member_code', '=', id.memberCode)
    .where('gateway_code', '=', id.gatewayCode)
    .where('period_end', '=', new Date(report.periodEnd))
    .where('log_head_seq', '=', report.logHead.seq)
    .where('log_head_hash', '=', report.logHead.hash)
    .executeTakeFirst();
  if (duplicate) return { id: duplicate.id, receivedAt: new Date(duplicate.received_at).toISOString(), isDuplicate: true };
  const row = await db
    .insertInto('exchange_gateway_reports')
    .values({
      federation_code: id.instance,
      member_code: id.memberCode,
      gateway_code: id.gatewayCode,
      received_at: now,
      period_start: new Date(report.periodStart),
      period_end: new Date(report.periodEnd),
      log_head_seq: report.logHead.seq,
      log_head_hash: report.logHead.hash,
      report: JSON.stringify(report),
    })
    .returning(['id', 'received_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, receivedAt: new Date(row.received_at).toISOString(), isDuplicate: false };
}
