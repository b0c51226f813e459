/**
 * What the home page lists. A capability is "Available" only when its room is
 * composed into this server; the rest of the brief is shown as planned, not hidden.
 */
export interface Capability {
  name: string;
  description: string;
  status: 'Available' | 'Planned';
  href?: string;
}

export const CAPABILITIES: Capability[] = [
  {
    name: 'Organisations and users',
    description:
      'Member organisations with their open identifiers, partnerships and reorganisation links; users and roles per organisation.',
    status: 'Available',
    href: '/organisations',
  },
  {
    name: 'Audit trail',
    description:
      'Who did what, for which organisation, when and why: append-only, readable by each organisation’s administrators and information governance leads.',
    status: 'Available',
  },
  { name: 'Open API', description: 'Every page is backed by a documented OpenAPI 3.1 API.', status: 'Available', href: '/api/docs' },
  {
    name: 'Export everything',
    description: 'Everything Joinery holds, as CSV and JSON with a data dictionary (joinery export), and back again (joinery import).',
    status: 'Available',
  },
  {
    name: 'Data exchange layer',
    description: 'Signed, logged, mutually authenticated gateways between organisations’ systems, after X-Road.',
    status: 'Available',
    href: '/exchange',
  },
  {
    name: 'Canonical registers',
    description: 'An address register keyed by UPRN and a person index linking each resident across systems.',
    status: 'Planned',
  },
  {
    name: 'Analytics spine',
    description: 'Pseudonymised, linked feeds under joint governance; cohorts, risk targeting and open data.',
    status: 'Planned',
  },
  {
    name: 'Reorganisation estate and convergence',
    description:
      'Applications, contracts and integrations of every predecessor; the shared contract map, duplicates and the staged convergence plan; suppliers and exit; decision rights, readiness and benefits.',
    status: 'Available',
    href: '/estate',
  },
  {
    name: 'Trust and transparency',
    description: 'Data-sharing agreements, algorithmic transparency records and public registers.',
    status: 'Planned',
  },
  { name: 'Residents’ own data', description: 'What is held about a resident, consent, and telling the council once.', status: 'Planned' },
  { name: 'Sector commons', description: 'Published needs, common components and conformance to open standards.', status: 'Planned' },
];
