/**
 * Organisations, their users and their audit trail: JSON API under /api and the
 * pages that use it. Organisation facts are public; users and the audit trail are
 * for the organisation's own administrators (and, for the trail, its information
 * governance leads) — every read of them is itself audited.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {} from '@fastify/view';
import { Type } from 'typebox';
import type { Database } from '../db/database.ts';
import { coreError, JoineryError } from '../errors.ts';
import { listAuditEvents, recordAudit } from '../audit/audit.ts';
import { IDENTIFIER_LABELS, ORGANISATION_TYPE_LABELS, Organisation, Partnership, type OrganisationType } from '../organisations/model.ts';
import { getOrganisation, listOrganisations, listPartnerships } from '../organisations/service.ts';
import { hasRole, ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from '../users/roles.ts';
import { addUser, changeRoles, listOrganisationUsers } from '../users/service.ts';
import { requireRole, requireSignIn } from './auth-plugin.ts';

const CodeParams = Type.Object({ code: Type.String({ description: 'Organisation code, e.g. casterbridge' }) });
const ErrorResponse = Type.Object({
  code: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }))),
});
const UserSummary = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  isActive: Type.Boolean(),
  roles: Type.Array(Type.Enum(ROLES)),
});
const NewUserBody = Type.Object(
  {
    username: Type.String({ description: 'Lower-case sign-in name' }),
    displayName: Type.String(),
    email: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    password: Type.Optional(Type.String({ description: 'At least 12 characters; omit for single sign-on only accounts' })),
    roles: Type.Array(Type.Enum(ROLES), { minItems: 1 }),
  },
  { additionalProperties: false },
);
const AuditEventSchema = Type.Object({
  id: Type.Number(),
  occurredAt: Type.String({ format: 'date-time' }),
  actorUsername: Type.Union([Type.String(), Type.Null()]),
  organisationCode: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  subjectType: Type.Union([Type.String(), Type.Null()]),
  subjectId: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.String(),
  details: Type.Unknown(),
  clientAddress: Type.Union([Type.String(), Type.Null()]),
});

function toArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value === undefined || value === '' ? [] : [String(value)];
}

export async function organisationRoutes(app: FastifyInstance, { database }: { database: Database }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Organisations'];

  api.get(
    '/api/organisations',
    { schema: { tags, summary: 'List member organisations', response: { 200: Type.Array(Organisation) } } },
    async () => listOrganisations(database),
  );

  api.get(
    '/api/partnerships',
    { schema: { tags, summary: 'List federations and partnerships', response: { 200: Type.Array(Partnership) } } },
    async () => listPartnerships(database),
  );

  api.get(
    '/api/organisations/:code',
    { schema: { tags, summary: 'One organisation', params: CodeParams, response: { 200: Organisation, 404: ErrorResponse } } },
    async (request) => getOrganisation(database, request.params.code),
  );

  api.get(
    '/api/me',
    {
      schema: {
        tags: ['Users'],
        summary: 'The signed-in user and their roles',
        response: {
          200: Type.Object({
            id: Type.String(),
            username: Type.String(),
            displayName: Type.String(),
            actingFor: Type.Union([Type.String(), Type.Null()]),
            memberships: Type.Array(
              Type.Object({ organisationCode: Type.String(), organisationName: Type.String(), roles: Type.Array(Type.String()) }),
            ),
          }),
          401: ErrorResponse,
        },
      },
      preHandler: requireSignIn,
    },
    async (request) => ({ ...request.user!, actingFor: request.actingFor ?? null }),
  );

  const auditUsersView = (request: FastifyRequest, code: string) =>
    recordAudit(database.db, {
      actor: request.user,
      organisationCode: request.actingFor,
      action: 'organisation.users.view',
      subjectType: 'organisation',
      subjectId: code,
      clientAddress: request.ip,
    });

  api.get(
    '/api/organisations/:code/users',
    {
      schema: {
        tags: ['Users'],
        summary: "An organisation's users and their roles (administrators only)",
        params: CodeParams,
        response: { 200: Type.Array(UserSummary), 401: ErrorResponse, 403: ErrorResponse },
      },
      preHandler: requireRole(database, 'admin'),
    },
    async (request) => {
      await auditUsersView(request, request.params.code);
      const users = await listOrganisationUsers(database, request.params.code);
      return users.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        email: u.email,
        isActive: u.is_active,
        roles: u.roles,
      }));
    },
  );

  api.post(
    '/api/organisations/:code/users',
    {
      schema: {
        tags: ['Users'],
        summary: 'Add a user with roles in this organisation (administrators only)',
        params: CodeParams,
        body: NewUserBody,
        response: { 201: Type.Object({ id: Type.String() }), 400: ErrorResponse, 403: ErrorResponse, 409: ErrorResponse },
      },
      preHandler: requireRole(database, 'admin'),
    },
    async (request, reply) => {
      const id = await addUser(database, { ...request.body, organisationCode: request.params.code });
      await recordAudit(database.db, {
        actor: request.user,
        organisationCode: request.params.code,
        action: 'user.add',
        subjectType: 'user',
        subjectId: request.body.username,
        details: { roles: request.body.roles },
        clientAddress: request.ip,
      });
      return reply.code(201).send({ id });
    },
  );

  api.put(
    '/api/organisations/:code/users/:username/roles',
    {
      schema: {
        tags: ['Users'],
        summary: "Replace a user's roles in this organisation; an empty list removes them from it (administrators only)",
        params: Type.Object({ code: Type.String(), username: Type.String() }),
        body: Type.Object({ roles: Type.Array(Type.Enum(ROLES)) }, { additionalProperties: false }),
        response: { 204: Type.Null(), 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
      preHandler: requireRole(database, 'admin'),
    },
    async (request, reply) => {
      await changeRoles(database, request.user!, request.params.code, request.params.username, request.body.roles);
      await recordAudit(database.db, {
        actor: request.user,
        organisationCode: request.params.code,
        action: 'user.roles.change',
        subjectType: 'user',
        subjectId: request.params.username,
        details: { roles: request.body.roles },
        clientAddress: request.ip,
      });
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/api/organisations/:code/audit',
    {
      schema: {
        tags: ['Audit'],
        summary: "An organisation's audit trail, newest first (administrators and information governance)",
        params: CodeParams,
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
          beforeId: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
        response: { 200: Type.Array(AuditEventSchema), 403: ErrorResponse },
      },
      preHandler: requireRole(database, 'admin', 'information-governance'),
    },
    async (request) => {
      await recordAudit(database.db, {
        actor: request.user,
        organisationCode: request.params.code,
        action: 'audit.view',
        subjectType: 'organisation',
        subjectId: request.params.code,
        clientAddress: request.ip,
      });
      return listAuditEvents(database.db, {
        organisationCode: request.params.code,
        limit: request.query.limit,
        beforeId: request.query.beforeId,
      });
    },
  );

  // Pages

  app.get('/organisations', async (_request, reply) => {
    const [organisations, partnerships] = await Promise.all([listOrganisations(database), listPartnerships(database)]);
    const names = new Map(partnerships.map((p) => [p.code, p.name]));
    return reply.view('core/organisations.njk', {
      title: 'Organisations',
      typeLabels: ORGANISATION_TYPE_LABELS,
      organisations: organisations.map((o) => ({ ...o, partnershipNames: o.partnerships.map((p) => names.get(p) ?? p) })),
    });
  });

  app.get<{ Params: { code: string } }>('/organisations/:code', async (request, reply) => {
    const organisation = await getOrganisation(database, request.params.code);
    const all = await listOrganisations(database);
    const partnerships = await listPartnerships(database);
    const successor = all.find((o) => o.code === organisation.successorCode);
    const rows = [
      { key: { text: 'Code' }, value: { html: `<code>${organisation.code}</code>` } },
      ...organisation.identifiers.map((i) => ({ key: { text: IDENTIFIER_LABELS[i.kind] ?? i.kind }, value: { text: i.value } })),
      {
        key: { text: 'Partnerships' },
        value: { text: organisation.partnerships.map((p) => partnerships.find((x) => x.code === p)?.name ?? p).join(', ') || 'None' },
      },
      ...(successor
        ? [
            {
              key: { text: 'Becomes part of' },
              value: { html: `<a class="govuk-link" href="/organisations/${successor.code}">${successor.name.replace(/[<>&"]/g, '')}</a>` },
            },
          ]
        : []),
    ];
    return reply.view('core/organisation.njk', {
      title: organisation.name,
      organisation,
      typeLabel: ORGANISATION_TYPE_LABELS[organisation.type as OrganisationType],
      rows,
      predecessors: all.filter((o) => o.successorCode === organisation.code),
      canActFor:
        Boolean(request.user?.memberships.some((m) => m.organisationCode === organisation.code)) && request.actingFor !== organisation.code,
      isAdmin: hasRole(request.user, organisation.code, 'admin'),
      isGovernance: hasRole(request.user, organisation.code, 'information-governance'),
      breadcrumbs: [{ text: 'Organisations', href: '/organisations' }],
    });
  });

  const renderAdmin = async (request: FastifyRequest, reply: FastifyReply, context: Record<string, unknown> = {}) => {
    const organisation = await getOrganisation(database, (request.params as { code: string }).code);
    await auditUsersView(request, organisation.code);
    const form = (context.form ?? {}) as { roles?: string[] };
    return reply.view('core/admin.njk', {
      title: `Users and roles – ${organisation.name}`,
      organisation,
      users: (await listOrganisationUsers(database, organisation.code)).map((u) => ({
        ...u,
        roleLabels: u.roles.map((r) => ROLE_LABELS[r]),
      })),
      roleItems: ROLES.map((role) => ({
        value: role,
        text: ROLE_LABELS[role],
        hint: { text: ROLE_DESCRIPTIONS[role] },
        checked: form.roles?.includes(role) ?? false,
      })),
      form: {},
      fieldErrors: {},
      added: (request.query as { added?: string }).added,
      changed: (request.query as { changed?: string }).changed,
      removed: (request.query as { removed?: string }).removed,
      breadcrumbs: [
        { text: 'Organisations', href: '/organisations' },
        { text: organisation.name, href: `/organisations/${organisation.code}` },
      ],
      ...context,
    });
  };

  app.get<{ Params: { code: string } }>('/organisations/:code/admin', { preHandler: requireRole(database, 'admin') }, (request, reply) =>
    renderAdmin(request, reply),
  );

  app.post<{ Params: { code: string } }>(
    '/organisations/:code/admin/users',
    { preHandler: requireRole(database, 'admin') },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form = {
        username: String(body.username ?? '').trim(),
        displayName: String(body.displayName ?? ''),
        email: String(body.email ?? '').trim(),
        password: String(body.password ?? ''),
        roles: toArray(body.roles),
      };
      try {
        await addUser(database, {
          username: form.username,
          displayName: form.displayName,
          email: form.email || null,
          password: form.password || undefined,
          organisationCode: request.params.code,
          roles: form.roles as Role[],
        });
        await recordAudit(database.db, {
          actor: request.user,
          organisationCode: request.params.code,
          action: 'user.add',
          subjectType: 'user',
          subjectId: form.username,
          details: { roles: form.roles },
          clientAddress: request.ip,
        });
        return reply.redirect(`/organisations/${request.params.code}/admin?added=${encodeURIComponent(form.username)}`);
      } catch (error) {
        if (!(error instanceof JoineryError) || (error.code !== 'CORE_VALIDATION' && error.code !== 'CORE_CONFLICT')) throw error;
        const details = error.details.length > 0 ? error.details : [{ field: 'username', message: error.message }];
        const fieldErrors = Object.fromEntries(details.map((d) => [d.field ?? 'username', { text: d.message }]));
        reply.code(400);
        return renderAdmin(request, reply, {
          form: { ...form, password: '' },
          errors: details.map((d) => ({ text: d.message, href: `#${d.field ?? 'username'}` })),
          fieldErrors,
        });
      }
    },
  );

  const renderUser = async (
    request: FastifyRequest<{ Params: { code: string; username: string } }>,
    reply: FastifyReply,
    context: Record<string, unknown> = {},
  ) => {
    const organisation = await getOrganisation(database, request.params.code);
    const member = (await listOrganisationUsers(database, organisation.code)).find((u) => u.username === request.params.username);
    if (!member) throw coreError('CORE_NOT_FOUND', `${request.params.username} has no roles in ${organisation.name}`);
    const chosen = (context.roles as string[] | undefined) ?? member.roles;
    return reply.view('core/user.njk', {
      title: `${member.display_name} – ${organisation.name}`,
      organisation,
      member,
      roleItems: ROLES.map((role) => ({
        value: role,
        text: ROLE_LABELS[role],
        hint: { text: ROLE_DESCRIPTIONS[role] },
        checked: chosen.includes(role),
      })),
      breadcrumbs: [
        { text: 'Organisations', href: '/organisations' },
        { text: organisation.name, href: `/organisations/${organisation.code}` },
        { text: 'Users and roles', href: `/organisations/${organisation.code}/admin` },
      ],
      ...context,
    });
  };

  app.get<{ Params: { code: string; username: string } }>(
    '/organisations/:code/admin/users/:username',
    { preHandler: requireRole(database, 'admin') },
    async (request, reply) => {
      await auditUsersView(request, request.params.code);
      return renderUser(request, reply);
    },
  );

  app.post<{ Params: { code: string; username: string } }>(
    '/organisations/:code/admin/users/:username',
    { preHandler: requireRole(database, 'admin') },
    async (request, reply) => {
      const roles = toArray((request.body as Record<string, unknown> | undefined)?.roles) as Role[];
      try {
        await changeRoles(database, request.user!, request.params.code, request.params.username, roles);
      } catch (error) {
        if (!(error instanceof JoineryError) || error.code !== 'CORE_VALIDATION') throw error;
        reply.code(400);
        return renderUser(request, reply, {
          roles,
          errors: [{ text: error.message, href: '#roles' }],
          rolesError: { text: error.message },
        });
      }
      await recordAudit(database.db, {
        actor: request.user,
        organisationCode: request.params.code,
        action: 'user.roles.change',
        subjectType: 'user',
        subjectId: request.params.username,
        details: { roles },
        clientAddress: request.ip,
      });
      const done =
        roles.length === 0
          ? `removed=${encodeURIComponent(request.params.username)}`
          : `changed=${encodeURIComponent(request.params.username)}`;
      return reply.redirect(`/organisations/${request.params.code}/admin?${done}`);
    },
  );

  app.get<{ Params: { code: string } }>(
    '/organisations/:code/audit',
    { preHandler: requireRole(database, 'admin', 'information-governance') },
    async (request, reply) => {
      const organisation = await getOrganisation(database, request.params.code);
      await recordAudit(database.db, {
        actor: request.user,
        organisationCode: organisation.code,
        action: 'audit.view',
        subjectType: 'organisation',
        subjectId: organisation.code,
        clientAddress: request.ip,
      });
      return reply.view('core/audit.njk', {
        title: `Audit trail – ${organisation.name}`,
        organisation,
        events: await listAuditEvents(database.db, { organisationCode: organisation.code, limit: 200 }),
        breadcrumbs: [
          { text: 'Organisations', href: '/organisations' },
          { text: organisation.name, href: `/organisations/${organisation.code}` },
        ],
      });
    },
  );
}
