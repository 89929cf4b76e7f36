import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { concentrationRoutes } from './concentration/concentration.routes.js';
import { countriesRoutes } from './countries/countries.routes.js';
import { defenseUsesRoutes } from './defense-uses/defense-uses.routes.js';
import { groupsRoutes } from './groups/groups.routes.js';
import { healthRoutes } from './health/health.routes.js';
import { mineralsRoutes } from './minerals/minerals.routes.js';
import { productionRoutes } from './production/production.routes.js';
import { sourcesRoutes } from './sources/sources.routes.js';
import { stagesRoutes } from './stages/stages.routes.js';
import { tradeRoutes } from './trade/trade.routes.js';

export async function registerModules(app: FastifyInstance, _config: Config): Promise<void> {
  await app.register(healthRoutes);
  await app.register(mineralsRoutes);
  await app.register(countriesRoutes);
  await app.register(stagesRoutes);
  await app.register(productionRoutes);
  await app.register(tradeRoutes);
  await app.register(defenseUsesRoutes);
  await app.register(groupsRoutes);
  await app.register(sourcesRoutes);
  await app.register(concentrationRoutes);
}
