/**
 * The LGR estate: the predecessor councils' applications, contracts and integrations,
 * and the suppliers behind them. Not scaled: a council's estate does not grow with its
 * population, and a few hundred applications are enough to plan convergence with.
 */
import type { ScenarioApplication, ScenarioContract, ScenarioIntegration, ScenarioSupplier } from '../model.ts';
import { type Random } from '../random.ts';
import { generateApplications } from './applications.ts';
import { SUPPLIERS } from './catalogue.ts';
import { generateContracts } from './contracts.ts';
import { generateIntegrations } from './integrations.ts';

export interface Estate {
  suppliers: ScenarioSupplier[];
  applications: ScenarioApplication[];
  contracts: ScenarioContract[];
  integrations: ScenarioIntegration[];
}

/**
 * Generates the estate from its own random stream.
 * @example generateEstate(new Random(1).fork('estate')).applications.length // ≈ 400
 */
export function generateEstate(random: Random): Estate {
  const applications = generateApplications(random.fork('applications'));
  const contracts = generateContracts(random.fork('contracts'), applications);
  const integrations = generateIntegrations(random.fork('integrations'), applications);
  const suppliers = SUPPLIERS.map((s): ScenarioSupplier => ({
    id: s.id,
    name: s.name,
    companiesHouseNumber: s.companiesHouseNumber,
    isSme: s.isSme,
    isVcse: s.isVcse === true,
    health: s.health,
  }));
  return { suppliers, applications, contracts, integrations };
}
