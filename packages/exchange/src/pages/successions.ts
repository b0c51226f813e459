/**
 * Successions (local government reorganisation): a member succeeds another, with a period of
 * dual running in which both answer and the successor's subsystems hold the predecessor's
 * access rights; afterwards calls to the predecessor are answered with the successor's name.
 * Declared (and withdrawn) by the successor's administrators; declaring again changes the dates.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { listMembers } from '../authority/members.ts';
import { declareSuccession, listSuccessions, withdrawSuccession } from '../authority/successions.ts';
import { federationFrame } from './federation-frame.ts';
import {
  actorOf,
  dayInWords,
  formErrors,
  instantInWords,
  mayAdminister,
  segment,
  selectItems,
  submitForm,
  valuesOf,
  type FormState,
  type PageGroup,
} from './page-kit.ts';

type Params = { Params: { code: string }; Querystring: { done?: string } };

const DONE: Record<string, string> = {
  declared: 'The succession has been declared and a new configuration published.',
  withdrawn: 'The succession has been withdrawn and a new configuration published.',
};

export const successionPages: PageGroup = async (app, { authority }) => {
  async function show(request: FastifyRequest<Params>, reply: FastifyReply, form: FormState = {}) {
    const code = request.params.code;
    const frame = await federationFrame(app, authority, request, code, 'successions');
    const [successions, members] = await Promise.all([listSuccessions(authority, code), listMembers(authority, code)]);
    const active = members.filter((m) => m.status === 'active');
    const successors = active.filter((m) => mayAdminister(frame.actor, m.organisationCode));
    const today = authority.now().toISOString().slice(0, 10);
    const values = valuesOf(form, 'declare');
    const memberItems = (list: typeof members, chosen: string | undefined, blank: string) =>
      selectItems(
        list.map((m) => ({ value: m.memberCode, text: `${m.name} (${m.id})` })),
        chosen,
        blank,
      );
    return reply.view('exchange/federation-successions.njk', {
      ...frame,
      successions: successions.map((s) => ({
        ...s,
        fromInWords: dayInWords(s.dualRunningFrom),
        untilInWords: dayInWords(s.dualRunningUntil),
        declaredInWords: instantInWords(s.declaredAt),
        stage:
          today < s.dualRunningFrom
            ? `Dual running starts on ${dayInWords(s.dualRunningFrom)}`
            : today <= s.dualRunningUntil
              ? 'In dual running'
              : 'Succeeded: calls to the predecessor are refused',
        canWithdraw: mayAdminister(frame.actor, members.find((m) => m.memberCode === s.successorCode)?.organisationCode),
      })),
      predecessorItems: memberItems(active, values.predecessorCode, 'Choose the member succeeded'),
      successorItems: memberItems(successors, values.successorCode, 'Choose the successor'),
      declareValues: values,
      canDeclare: successors.length > 0,
      errors: form.errors,
      fieldErrors: form.fieldErrors ?? {},
      done: DONE[request.query.done ?? ''],
    });
  }

  const page = (request: FastifyRequest<Params>) => `/exchange/federations/${segment(request.params.code)}/successions`;

  app.get<Params>('/exchange/federations/:code/successions', async (request, reply) => show(request, reply));

  app.post<Params>('/exchange/federations/:code/successions', async (request, reply) =>
    submitForm(request, reply, {
      name: 'declare',
      inputs: {
        predecessorCode: 'declare-predecessorCode',
        successorCode: 'declare-successorCode',
        dualRunningFrom: 'declare-dualRunningFrom',
        dualRunningUntil: 'declare-dualRunningUntil',
      },
      required: { predecessorCode: 'Choose the member succeeded', successorCode: 'Choose the member that succeeds it' },
      run: (f) =>
        declareSuccession(authority, actorOf(request), {
          federationCode: request.params.code,
          predecessorCode: f.predecessorCode!,
          successorCode: f.successorCode!,
          dualRunningFrom: f.dualRunningFrom ?? '',
          dualRunningUntil: f.dualRunningUntil ?? '',
        }),
      redirectTo: `${page(request)}?done=declared`,
      show: (r, form) => show(request, r, form),
    }),
  );

  app.post<{ Params: { code: string; predecessor: string }; Querystring: { done?: string } }>(
    '/exchange/federations/:code/successions/:predecessor/withdraw',
    async (request, reply) => {
      try {
        await withdrawSuccession(authority, actorOf(request), {
          federationCode: request.params.code,
          predecessorCode: request.params.predecessor,
        });
      } catch (error) {
        const { status, ...problems } = formErrors(error, {});
        return show(request, reply.code(status), problems);
      }
      return reply.redirect(`${page(request)}?done=withdrawn`, 303);
    },
  );
};
