/**
 * The frame of every page about one hosted federation: the federation, who is looking, the
 * links between its pages and the breadcrumbs. A page group's link appears once its route is
 * registered, so the services, grants and operations pages join the links when they are
 * composed in (pages/index.ts PAGE_GROUPS).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../authority/actor.ts';
import type { AuthorityContext } from '../authority/context.ts';
import { getFederation } from '../authority/federations.ts';
import type { Federation } from '../authority/model.ts';
import { actorOf, mayOperate, segment } from './page-kit.ts';

export interface FederationSection {
  key: string;
  text: string;
  /** After /exchange/federations/:code; the GET route registered for it. */
  path: string;
}

export const FEDERATION_SECTIONS: readonly FederationSection[] = [
  { key: 'summary', text: 'Summary', path: '' },
  { key: 'members', text: 'Members', path: '/members' },
  { key: 'gateways', text: 'Gateways', path: '/gateways' },
  { key: 'services', text: 'Services', path: '/services' },
  { key: 'grants', text: 'Access rights', path: '/grants' },
  { key: 'certificates', text: 'Certificates', path: '/certificates' },
  { key: 'certification-authorities', text: 'Certification authorities', path: '/certification-authorities' },
  { key: 'trust', text: 'Trusted federations', path: '/trust' },
  { key: 'successions', text: 'Successions', path: '/successions' },
  { key: 'configuration', text: 'Configuration', path: '/configuration' },
  { key: 'operations', text: 'Operations', path: '/operations' },
];

export interface FederationFrame {
  federation: Federation;
  actor: Actor;
  isOperator: boolean;
  /** /exchange/federations/<code> */
  base: string;
  sections: { text: string; href: string; isCurrent: boolean }[];
  breadcrumbs: { text: string; href?: string }[];
  title: string;
}

/** The sections whose pages are composed into this server. */
export function federationSections(app: FastifyInstance, base: string, current?: string) {
  return FEDERATION_SECTIONS.filter((s) => app.hasRoute({ method: 'GET', url: `/exchange/federations/:code${s.path}` })).map((s) => ({
    text: s.text,
    href: `${base}${s.path}`,
    isCurrent: s.key === current,
  }));
}

/**
 * @example const frame = await federationFrame(app, authority, request, 'wessex', 'members');
 */
export async function federationFrame(
  app: FastifyInstance,
  authority: AuthorityContext,
  request: FastifyRequest,
  code: string,
  current: string,
): Promise<FederationFrame> {
  const federation = await getFederation(authority, code);
  const actor = actorOf(request);
  const base = `/exchange/federations/${segment(federation.code)}`;
  const section = FEDERATION_SECTIONS.find((s) => s.key === current);
  const isSummary = current === 'summary';
  return {
    federation,
    actor,
    isOperator: mayOperate(actor, federation),
    base,
    sections: federationSections(app, base, current),
    breadcrumbs: [
      { text: 'Exchange', href: '/exchange' },
      ...(isSummary ? [{ text: federation.name }] : [{ text: federation.name, href: base }, { text: section?.text ?? current }]),
    ],
    title: isSummary ? federation.name : `${section?.text ?? current}: ${federation.name}`,
  };
}

/** Each warning with a link to the page that deals with it, when that page is composed in. */
export function linkWarnings(app: FastifyInstance, base: string, warnings: { text: string; section: string }[]) {
  const sections = federationSections(app, base);
  return warnings.map((w) => ({
    text: w.text,
    href: sections.find((s) => s.href === `${base}${FEDERATION_SECTIONS.find((f) => f.key === w.section)?.path ?? ''}`)?.href,
  }));
}
