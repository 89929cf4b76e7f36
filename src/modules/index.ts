import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { alignmentRoutes } from './alignment/alignment.routes.js';
import { concentrationRoutes } from './concentration/concentration.routes.js';
import { countriesRoutes } from './countries/countries.routes.js';
import { defenseUsesRoutes } from './defense-uses/defense-uses.routes.js';
import { dependencyRoutes } from './dependency/dependency.routes.js';
import { editionsRoutes } from './editions/editions.routes.js';
import { exportControlsRoutes } from './export-controls/export-controls.routes.js';
import { groupsRoutes } from './groups/groups.routes.js';
import { healthRoutes } from './health/health.routes.js';
import { methodsRoutes } from './methods/methods.routes.js';
import { mineralsRoutes } from './minerals/minerals.routes.js';
import { productionRoutes } from './production/production.routes.js';
import { scenariosRoutes } from './scenarios/scenarios.routes.js';
import { sourcesRoutes } from './sources/sources.routes.js';
import { stagesRoutes } from './stages/stages.routes.js';
import { supplyRiskRoutes } from './supply-risk/supply-risk.routes.js';
import { tradeRoutes } from './trade/trade.routes.js';
import { writesRoutes } from './writes/writes.routes.js';
import { mcpRoutes } from '../mcp/mcp.routes.js';

export async function registerModules(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(healthRoutes);
  await app.register(mineralsRoutes);
  await app.register(countriesRoutes);
  await app.register(stagesRoutes);
  await app.register(productionRoutes);
  await app.register(tradeRoutes);
  await app.register(defenseUsesRoutes);
  await app.register(groupsRoutes);
  await app.register(sourcesRoutes);
  await app.register(editionsRoutes);
  await app.register(concentrationRoutes);
  await app.register(supplyRiskRoutes);
  await app.register(dependencyRoutes);
  await app.register(alignmentRoutes);
  await app.register(scenariosRoutes);
  await app.register(exportControlsRoutes, { apiKeys: config.apiKeys });
  await app.register(methodsRoutes);
  await app.register(writesRoutes, { apiKeys: config.apiKeys });
  // The same read questions as MCP tools for AI assistants (Streamable HTTP); `npm run mcp` serves them over stdio.
  await app.register(mcpRoutes);
}
