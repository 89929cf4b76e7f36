import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { alignmentRoutes } from './alignment/alignment.routes.js';
import { concentrationRoutes } from './concentration/concentration.routes.js';
import { countriesRoutes } from './countries/countries.routes.js';
import { defenseUsesRoutes } from './defense-uses/defense-uses.routes.js';
import { dependencyRoutes } from './dependency/dependency.routes.js';
import { editionsRoutes } from './editions/editions.routes.js';
import { exportControlsRoutes } from './export-controls/export-controls.routes.js';
import { withControlledShare } from './export-controls/export-controls.service.js';
import { groupsRoutes } from './groups/groups.routes.js';
import { healthRoutes } from './health/health.routes.js';
import { methodsRoutes } from './methods/methods.routes.js';
import { mineralsRoutes } from './minerals/minerals.routes.js';
import { productionRoutes } from './production/production.routes.js';
import { qualityRoutes } from './quality/quality.routes.js';
import { scenariosRoutes } from './scenarios/scenarios.routes.js';
import { sourcesRoutes } from './sources/sources.routes.js';
import { stagesRoutes } from './stages/stages.routes.js';
import { supplyRiskRoutes } from './supply-risk/supply-risk.routes.js';
import { tradeRoutes } from './trade/trade.routes.js';
import { writesRoutes } from './writes/writes.routes.js';
import { apiEdge, limitedNotFound } from '../plugins/http-edge.js';

/**
 * The operational routes (/health, /ready) on the app itself; the API in one encapsulated context whose edge
 * (rate limit, content negotiation, ETags and the response cache, CSV, deprecation) is compiled into each of its
 * routes, registered with the prefix `/v1` (route files declare paths below it). The MCP endpoint, a client of these
 * modules, is registered beside them by app.ts.
 */
export async function registerModules(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(healthRoutes);
  await app.register(
    async function api(v1) {
      await v1.register(apiEdge, { kind: 'api' });
      await v1.register(mineralsRoutes);
      await v1.register(countriesRoutes);
      await v1.register(stagesRoutes);
      await v1.register(productionRoutes);
      await v1.register(tradeRoutes);
      await v1.register(defenseUsesRoutes);
      await v1.register(groupsRoutes);
      await v1.register(sourcesRoutes);
      await v1.register(editionsRoutes);
      await v1.register(concentrationRoutes, { withControlledShare });
      await v1.register(supplyRiskRoutes);
      await v1.register(dependencyRoutes);
      await v1.register(alignmentRoutes);
      await v1.register(scenariosRoutes);
      await v1.register(exportControlsRoutes, { apiKeys: config.apiKeys });
      await v1.register(methodsRoutes);
      await v1.register(qualityRoutes);
      await v1.register(writesRoutes, { apiKeys: config.apiKeys });
    },
    { prefix: '/v1' },
  );
  // Unmatched paths under /v1: the app's 404/405, rate-limited like the routes there.
  await app.register(limitedNotFound, { prefix: '/v1' });
}
