/**
 * Each predecessor council's application register: a product per capability it delivers
 * (sometimes two doing the same job), and a long tail of local tools. Councils choose
 * products independently, so the same capability is met three or four different ways
 * across Wessex — which is what convergence planning has to untangle.
 */
import type { ScenarioApplication } from '../model.ts';
import { DISTRICT_CODES } from '../organisations.ts';
import { type Random } from '../random.ts';
import { DISTRICT_SHARES } from '../wessex-map.ts';
import { CAPABILITIES, LONG_TAIL_FORMS, LONG_TAIL_TOPICS, SUPPLIERS, type CapabilitySpec } from './catalogue.ts';

/** The councils that own an estate, with a size factor relative to an average district. */
export const ESTATE_OWNERS: readonly { code: string; prefix: string; isCounty: boolean; size: number }[] = [
  { code: 'wessex-county', prefix: 'WCC', isCounty: true, size: 3 },
  ...DISTRICT_CODES.map((code) => ({
    code,
    prefix: { casterbridge: 'CDC', budmouth: 'BBC', melchester: 'MCC', sandbourne: 'SDC' }[code],
    isCounty: false,
    size: DISTRICT_SHARES[code] * 4,
  })),
];

const supplierName = (id: string) => SUPPLIERS.find((s) => s.id === id)?.name ?? 'In-house';

function appliesTo(capability: CapabilitySpec, isCounty: boolean): boolean {
  return capability.tier === 'both' || capability.tier === (isCounty ? 'county' : 'district');
}

/** An older release than the supplier's current one, as councils often run. */
function runningVersion(random: Random, version: string): string {
  const m = /^(\d+)\.(\d+)$/.exec(version);
  if (!m || !random.chance(0.35)) return version;
  const major = Number(m[1]);
  return major > 2 ? `${major - 1}.${random.int(0, 9)}` : version;
}

/**
 * Generates the application registers of the five predecessor councils.
 * @example generateApplications(new Random(1)).filter((a) => a.capability === 'Waste').length // ≈ 4–6
 */
export function generateApplications(random: Random): ScenarioApplication[] {
  const apps: ScenarioApplication[] = [];
  for (const owner of ESTATE_OWNERS) {
    const r = random.fork(owner.code);
    let n = 0;
    const add = (app: Omit<ScenarioApplication, 'id' | 'organisationCode'>) =>
      apps.push({ id: `${owner.prefix}-APP-${String(++n).padStart(3, '0')}`, organisationCode: owner.code, ...app });
    const sized = (base: number, spread = 0.3) => base * owner.size * (1 - spread + 2 * spread * r.next());

    for (const capability of CAPABILITIES) {
      if (!appliesTo(capability, owner.isCounty)) continue;
      const count = r.chance(capability.overlap) && capability.products.length > 1 ? 2 : 1;
      const products = r.shuffle([...capability.products]).slice(0, count);
      products.forEach((product, i) => {
        const endOfSupport = product.endOfSupport ?? (r.chance(0.15) ? `${r.int(2027, 2031)}-${r.pick(['03-31', '06-30', '12-31'])}` : '');
        add({
          name: i === 0 && r.chance(0.5) ? product.product : `${capability.capability} (${product.product})`,
          product: product.product,
          supplierId: product.supplier,
          supplierName: supplierName(product.supplier),
          version: runningVersion(r, product.version),
          hosting: product.hosting === 'on-premises' && r.chance(0.25) ? 'hosted' : product.hosting,
          capability: capability.capability,
          businessOwner: capability.owner,
          users: Math.max(1, Math.round(sized(capability.users) * (i === 0 ? 1 : 0.3))),
          annualCost: Math.round((sized(product.cost) * (i === 0 ? 1 : 0.5)) / 100) * 100,
          licenceModel: product.licence,
          endOfSupport,
          contractReference: '',
          sourceSystemCodes: i === 0 ? (capability.holds ?? []).map((kind) => `${owner.code}/${kind}`) : [],
        });
      });
    }

    const tail = owner.isCounty ? r.int(60, 90) : r.int(25, 60);
    const topics = r.shuffle([...LONG_TAIL_TOPICS]).slice(0, Math.min(tail, LONG_TAIL_TOPICS.length));
    for (const topic of topics) {
      const [form, hosting] = r.pick(LONG_TAIL_FORMS);
      const isBespoke = form === 'app (in-house)' && r.chance(0.4);
      add({
        name: `${topic} ${form}`,
        product: form.includes('Excel') ? 'Spreadsheet' : form.includes('Access') ? 'Desktop database' : 'Local tool',
        supplierId: isBespoke ? 'port-bredy-code' : '',
        supplierName: isBespoke ? supplierName('port-bredy-code') : 'In-house',
        version: '',
        hosting,
        capability: 'Local tools',
        businessOwner: 'Service manager',
        users: r.int(1, 25),
        annualCost: isBespoke ? r.int(20, 120) * 100 : 0,
        licenceModel: isBespoke ? 'subscription' : 'perpetual',
        endOfSupport: form.includes('Access') && r.chance(0.5) ? '2025-10-14' : '',
        contractReference: '',
        sourceSystemCodes: [],
      });
    }
  }
  return apps;
}
