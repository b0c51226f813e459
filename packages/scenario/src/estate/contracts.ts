/**
 * Contract registers, one per predecessor council, shaped like the Local Government
 * Transparency Code 2015 contract register (reference, title, supplier, value, dates,
 * CPV code, procurement route) plus what an exit plan needs and the Code does not ask
 * for: notice periods, termination costs and auto-renewal.
 */
import { dayOf, isoDate, SCENARIO_DAY } from '../dates.ts';
import type { ScenarioApplication, ScenarioContract } from '../model.ts';
import { type Random } from '../random.ts';
import { ESTATE_OWNERS } from './applications.ts';
import { CAPABILITIES, SUPPLIERS } from './catalogue.ts';

const DIRECTORATES: Record<string, string> = {
  'Revenues and benefits': 'Resources',
  Finance: 'Resources',
  'HR and payroll': 'Resources',
  Procurement: 'Resources',
  Payments: 'Resources',
  'Adult social care': 'People',
  'Children’s social care': 'People',
  'Education and school admissions': 'People',
  'Public health': 'People',
  Housing: 'People',
  Libraries: 'People',
  Planning: 'Place',
  'Building control': 'Place',
  'Land charges': 'Place',
  Waste: 'Place',
  Highways: 'Place',
  Parking: 'Place',
  'Environmental health': 'Place',
  Licensing: 'Place',
  'Trading standards': 'Place',
  'Leisure bookings': 'Place',
  'Cemeteries and crematoria': 'Place',
};

const directorateOf = (capability: string) => DIRECTORATES[capability] ?? 'Corporate Services (ICT and Digital)';

/** Outsourced services that are not software, bought by some districts. */
const SERVICE_CONTRACTS: readonly { title: string; supplier: string; annual: number; cpv: [string, string]; capability: string }[] = [
  {
    title: 'Household waste and recycling collection',
    supplier: 'wessex-waste',
    annual: 3_800_000,
    cpv: ['90511000-2', 'Refuse collection services'],
    capability: 'Waste',
  },
  {
    title: 'Leisure centre management',
    supplier: 'wessex-leisure',
    annual: 650_000,
    cpv: ['92610000-0', 'Operation of sports facilities services'],
    capability: 'Leisure bookings',
  },
];

/**
 * Generates the contract registers and fills in each application's contract reference.
 * @example generateContracts(new Random(1), apps)[0].noticePeriodMonths // 3, 6, 12…
 */
export function generateContracts(random: Random, apps: ScenarioApplication[]): ScenarioContract[] {
  const contracts: ScenarioContract[] = [];
  for (const owner of ESTATE_OWNERS) {
    const r = random.fork(owner.code);
    let n = 0;
    const groups = new Map<string, ScenarioApplication[]>();
    for (const app of apps) {
      if (app.organisationCode !== owner.code || app.supplierId === '') continue;
      // One enterprise agreement covers all of a supplier's products at a council.
      const key = app.licenceModel === 'enterprise agreement' ? `${app.supplierId}|EA` : `${app.supplierId}|${app.product}`;
      groups.set(key, [...(groups.get(key) ?? []), app]);
    }
    const services = SERVICE_CONTRACTS.filter(() => !owner.isCounty && r.chance(0.5));

    const make = (title: string, description: string, supplierId: string, annual: number, capability: string, cpv: [string, string]) => {
      const supplier = SUPPLIERS.find((s) => s.id === supplierId)!;
      const term = r.pick([3, 4, 5, 5, 7, 10]);
      let start = dayOf(`${r.int(2016, 2025)}-${String(r.int(1, 12)).padStart(2, '0')}-01`);
      let end = dayOf(`${Number(isoDate(start).slice(0, 4)) + term}${isoDate(start).slice(4)}`) - 1;
      // The register lists current contracts: old ones have been re-let or extended.
      while (end < SCENARIO_DAY) {
        start = end + 1;
        end = dayOf(`${Number(isoDate(start).slice(0, 4)) + r.pick([2, 3, 5])}${isoDate(start).slice(4)}`) - 1;
      }
      const years = (end - start + 1) / 365.25;
      const annualValue = Math.round(annual / 100) * 100;
      const year = isoDate(start).slice(0, 4);
      const reference = `${owner.prefix}-${year}-${String(++n).padStart(3, '0')}`;
      const route =
        annualValue * years < 30_000
          ? 'Below threshold quotation'
          : r.chance(0.1)
            ? 'Direct award (single tender action)'
            : r.chance(0.45)
              ? 'Framework call-off (G-Cloud 14)'
              : r.chance(0.5)
                ? 'Open procedure'
                : 'Restricted procedure';
      contracts.push({
        reference,
        organisationCode: owner.code,
        title,
        description,
        supplierId,
        supplierName: supplier.name,
        supplierCompaniesHouseNumber: supplier.companiesHouseNumber,
        department: directorateOf(capability),
        value: Math.round(annualValue * years),
        annualValue,
        startDate: isoDate(start),
        endDate: isoDate(end),
        reviewDate: isoDate(end - r.int(180, 365)),
        noticePeriodMonths: r.pick([1, 3, 3, 6, 6, 6, 12, 12, 18, 24]),
        terminationCost: r.chance(0.5) ? 0 : Math.round((annualValue * (0.25 + 1.25 * r.next())) / 100) * 100,
        isAutoRenewing: r.chance(0.3),
        cpvCode: cpv[0],
        cpvLabel: cpv[1],
        procurementRoute: route,
        isSmeSupplier: supplier.isSme,
        isVcseSupplier: supplier.isVcse === true,
      });
      return reference;
    };

    for (const [key, group] of groups) {
      const first = group[0]!;
      const capability = CAPABILITIES.find((c) => c.capability === first.capability);
      const annual = group.reduce((sum, a) => sum + a.annualCost, 0) || r.int(50, 400) * 1000;
      const isEnterprise = key.endsWith('|EA');
      const reference = make(
        isEnterprise ? `${first.supplierName} enterprise agreement` : `${first.product} licence, support and maintenance`,
        isEnterprise
          ? `Enterprise licensing covering ${group.map((a) => a.product).join(', ')}`
          : `Software licences, hosting where applicable, support and maintenance for ${first.capability.toLowerCase()}`,
        first.supplierId,
        annual,
        first.capability,
        capability?.cpv ?? ['48000000-8', 'Software package and information systems'],
      );
      for (const app of group) app.contractReference = reference;
    }
    for (const service of services) {
      make(service.title, service.title, service.supplier, service.annual * owner.size, service.capability, service.cpv);
    }
  }
  return contracts;
}
