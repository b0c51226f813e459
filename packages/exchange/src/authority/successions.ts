/**
 * Successions (local government reorganisation): a member succeeds another on a day, with a
 * dual-running period in which both answer. Declared by the successor's administrators; both
 * must be active members of the federation. The configuration carries them and the gateways do
 * the routing: during dual running a gateway treats the successor's subsystem as holding the
 * grants its predecessor's subsystem of the same code holds (so the new council's housing
 * system can call what the old council's could, without re-approving every grant on day one);
 * after dual running, calls to the predecessor's services are answered
 * Server.ClientProxy.SuccessionEnded, naming the successor. A member is succeeded once; declaring
 * again changes the dates.
 */
import { Problems } from '@joinery/core';
import { auditAs, mustBeAllowed, type Actor } from './actor.ts';
import { checkDay, checkPart } from './checks.ts';
import { publishConfiguration } from './configuration.ts';
import type { AuthorityContext } from './context.ts';
import { authorityError } from './errors.ts';
import { findActiveMember, findHostedFederation, findMember } from './lookups.ts';
import type { Succession } from './model.ts';

/**
 * @example await declareSuccession(authority, actor, { federationCode: 'wessex', predecessorCode: 'casterbridge', successorCode: 'wessex-council', dualRunningFrom: '2026-04-01', dualRunningUntil: '2026-09-30' });
 */
export async function declareSuccession(
  authority: AuthorityContext,
  actor: Actor,
  input: { federationCode: string; predecessorCode: string; successorCode: string; dualRunningFrom: string; dualRunningUntil: string },
): Promise<Succession> {
  const { db } = authority;
  const federation = await findHostedFederation(db, input.federationCode);
  const problems = new Problems();
  checkPart(problems, 'predecessorCode', 'the predecessor', input.predecessorCode);
  checkPart(problems, 'successorCode', 'the successor', input.successorCode);
  const from = checkDay(problems, 'dualRunningFrom', 'the first day of dual running', input.dualRunningFrom);
  const until = checkDay(problems, 'dualRunningUntil', 'the last day of dual running', input.dualRunningUntil);
  if (from && until && until < from)
    problems.add({ field: 'dualRunningUntil', message: `Dual running must end on or after it starts (${until} is before ${from})` });
  if (input.predecessorCode === input.successorCode) problems.add({ field: 'successorCode', message: 'A member does not succeed itself' });
  if (!problems.isEmpty) throw authorityError('EXCHANGE_SUCCESSION_INVALID', 'The succession cannot be declared', problems.list);
  const predecessor = await findActiveMember(db, federation.code, input.predecessorCode);
  const successor = await findActiveMember(db, federation.code, input.successorCode);
  await mustBeAllowed(db, actor, {
    administrators: [successor.organisation_code],
    doing: `declare that ${successor.id} succeeds ${predecessor.id}`,
    who: `an administrator of ${successor.organisation_code} (the successor)`,
    subjectType: 'exchange-member',
    subjectId: predecessor.id,
  });
  // A chain (A → B while B → C) would leave gateways routing in circles: refuse the loop.
  const onward = await db
    .selectFrom('exchange_successions')
    .select('successor_code')
    .where('federation_code', '=', federation.code)
    .where('predecessor_code', '=', successor.member_code)
    .executeTakeFirst();
  if (onward?.successor_code === predecessor.member_code)
    throw authorityError(
      'EXCHANGE_SUCCESSION_INVALID',
      `${predecessor.id} is declared to succeed ${successor.id}: they cannot succeed each other`,
    );
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('exchange_successions')
      .values({
        federation_code: federation.code,
        predecessor_code: predecessor.member_code,
        successor_code: successor.member_code,
        dual_running_from: from,
        dual_running_until: until,
        declared_by: actor.kind === 'user' ? actor.user.username : actor.via,
        declared_at: authority.now(),
      })
      .onConflict((oc) =>
        oc.columns(['federation_code', 'predecessor_code']).doUpdateSet((eb) => ({
          successor_code: eb.ref('excluded.successor_code'),
          dual_running_from: eb.ref('excluded.dual_running_from'),
          dual_running_until: eb.ref('excluded.dual_running_until'),
          declared_by: eb.ref('excluded.declared_by'),
          declared_at: eb.ref('excluded.declared_at'),
        })),
      )
      .execute();
    await auditAs(trx, actor, {
      action: 'exchange.succession.declare',
      organisationCode: successor.organisation_code,
      subjectType: 'exchange-member',
      subjectId: predecessor.id,
      details: { successor: successor.id, dualRunningFrom: from, dualRunningUntil: until },
    });
    await publishConfiguration(authority, null, federation.code, trx);
  });
  return (await listSuccessions(authority, federation.code)).find((s) => s.predecessorCode === predecessor.member_code)!;
}

/** Withdraws a declared succession (the successor's administrators); publishes. */
export async function withdrawSuccession(
  authority: AuthorityContext,
  actor: Actor,
  input: { federationCode: string; predecessorCode: string },
): Promise<void> {
  const { db } = authority;
  const federation = await findHostedFederation(db, input.federationCode);
  const row = await db
    .selectFrom('exchange_successions')
    .selectAll()
    .where('federation_code', '=', federation.code)
    .where('predecessor_code', '=', String(input.predecessorCode))
    .executeTakeFirst();
  if (!row)
    throw authorityError(
      'EXCHANGE_SUCCESSION_UNKNOWN',
      `No succession of "${input.predecessorCode}" has been declared in ${federation.code}`,
    );
  const successor = await findMember(db, federation.code, row.successor_code);
  await mustBeAllowed(db, actor, {
    administrators: [successor.organisation_code],
    doing: `withdraw the succession of ${row.predecessor_code}`,
    who: `an administrator of ${successor.organisation_code} (the successor)`,
    subjectType: 'exchange-member',
    subjectId: row.predecessor_code,
  });
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('exchange_successions')
      .where('federation_code', '=', federation.code)
      .where('predecessor_code', '=', row.predecessor_code)
      .execute();
    await auditAs(trx, actor, {
      action: 'exchange.succession.withdraw',
      organisationCode: successor.organisation_code,
      subjectType: 'exchange-member',
      subjectId: row.predecessor_code,
      details: { successor: successor.id },
    });
    await publishConfiguration(authority, null, federation.code, trx);
  });
}

export async function listSuccessions(authority: AuthorityContext, federationCode: string): Promise<Succession[]> {
  await findHostedFederation(authority.db, federationCode);
  const rows = await authority.db
    .selectFrom('exchange_successions as s')
    .innerJoin('exchange_members as p', (j) =>
      j.onRef('p.federation_code', '=', 's.federation_code').onRef('p.member_code', '=', 's.predecessor_code'),
    )
    .innerJoin('exchange_members as n', (j) =>
      j.onRef('n.federation_code', '=', 's.federation_code').onRef('n.member_code', '=', 's.successor_code'),
    )
    .selectAll('s')
    .select(['p.member_class as predecessor_class', 'n.member_class as successor_class'])
    .where('s.federation_code', '=', federationCode)
    .orderBy('s.predecessor_code')
    .execute();
  return rows.map((s) => ({
    predecessor: `${federationCode}/${s.predecessor_class}/${s.predecessor_code}`,
    successor: `${federationCode}/${s.successor_class}/${s.successor_code}`,
    predecessorCode: s.predecessor_code,
    successorCode: s.successor_code,
    dualRunningFrom: s.dual_running_from,
    dualRunningUntil: s.dual_running_until,
    declaredBy: s.declared_by,
    declaredAt: new Date(s.declared_at).toISOString(),
  }));
}
