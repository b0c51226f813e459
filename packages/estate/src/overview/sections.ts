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
    description: 'Each council’s contract register (Transparency Code), with the exit terms a merger needs; OCDS export.',
  },
];
