/** The estate's pages, in the order a programme lead works through them (the overview links each). */
export interface EstateSection {
  href: string;
  name: string;
  description: string;
}

export const ESTATE_SECTIONS: readonly EstateSection[] = [
  {
    href: '/estate/contracts',
    name: 'Contracts',
    description:
      'Each council’s contract register (Transparency Code, CSV or XLSX), with the exit terms a merger needs and which contracts lack them; OCDS export.',
  },
  {
    href: '/estate/applications',
    name: 'Applications',
    description: 'Each council’s applications: product, supplier, hosting, capability, owner, users, cost, end of support.',
  },
  {
    href: '/estate/integrations',
    name: 'Integrations',
    description: 'The data flows between applications: source, target, method, frequency, data carried, personal data.',
  },
  {
    href: '/estate/reference',
    name: 'Reference lists',
    description: 'The LGA service and function lists and the registers of councils; start a reorganisation from the register.',
  },
  {
    href: '/estate/reference/classifications',
    name: 'Applications by function',
    description: 'Applications classified on the LGA Function list so like is compared with like; software nobody listed.',
  },
  {
    href: '/estate/contract-map',
    name: 'Contract map',
    description: 'Every predecessor’s contracts against vesting day: notice deadlines, what needs a decision, common suppliers, decisions.',
  },
  {
    href: '/estate/convergence',
    name: 'Duplicates and consolidation',
    description: 'Duplicate systems by capability, scored on editable criteria; choose the target for each.',
  },
  {
    href: '/estate/convergence/dependencies',
    name: 'Dependencies',
    description: 'The graph of applications and data flows; what breaks, and who must be told, if a system is switched off.',
  },
  {
    href: '/estate/convergence/plan',
    name: 'Convergence plan',
    description: 'The staged plan (stabilise, converge, optimise) with hold points, generated from contracts and dependencies; editable.',
  },
  {
    href: '/estate/suppliers',
    name: 'Suppliers and exit',
    description: 'Supplier register with health indicators, resolution plans, exit plans and data-portability terms; warnings.',
  },
  {
    href: '/estate/governance',
    name: 'Decision rights',
    description: 'The one-page decision-rights matrix across the five domains, versioned and published.',
  },
  {
    href: '/estate/readiness',
    name: 'Digital readiness',
    description: 'Red, amber, green ratings with evidence and history, per council and overall.',
  },
  {
    href: '/estate/benefits',
    name: 'Benefits',
    description: 'Cashable savings, cost avoidance and public value with baselines, targets, gates and a scorecard.',
  },
];
