import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../errors.js';
import { FormatQuery, READ_ERRORS, listOf } from '../../schemas/common.js';
import { getMethod, METHODS } from '../../scoring/index.js';

const HHI_EXAMPLE = {
  id: 'hhi',
  version: '1.0.0',
  name: 'Production concentration (Herfindahl-Hirschman Index)',
  summary: 'How concentrated world output is among producing countries at one stage.',
  formula: 'HHI = Σ s_i² over named producers (s_i in percent of the world total)',
  variables: [{ symbol: 's_i', meaning: 'country i’s production as a percentage of the world total' }],
  thresholds: [{ name: '2023 MG: highly concentrated above', value: 1800, meaning: 'HHI above 1,800' }],
  references: [{ citation: 'U.S. Department of Justice and Federal Trade Commission, Merger Guidelines (2023), section 2.1' }],
  caveats: ['The HHI covers named producers only.'],
};

export const MethodSchema = z
  .object({
    id: z.string(),
    version: z.string(),
    name: z.string(),
    summary: z.string(),
    formula: z.string(),
    variables: z.array(z.object({ symbol: z.string(), meaning: z.string() })),
    thresholds: z.array(z.object({ name: z.string(), value: z.number(), meaning: z.string() })),
    references: z.array(z.object({ citation: z.string(), note: z.string().optional() })),
    caveats: z.array(z.string()),
  })
  .meta({ id: 'Method', example: HHI_EXAMPLE });

export const methodsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/methods',
    {
      config: { csv: true },
      schema: {
        operationId: 'listMethods',
        querystring: z.object({ ...FormatQuery }),
        tags: ['methods'],
        summary: 'Every method a score can name, with formula, thresholds, references and caveats',
        response: { 200: listOf(MethodSchema).meta({ example: { data: [HHI_EXAMPLE], total: 1, next: null } }), 500: READ_ERRORS[500] },
      },
    },
    async () => ({ data: [...METHODS], total: METHODS.length, next: null }),
  );
  app.get(
    '/methods/:id',
    {
      schema: {
        operationId: 'getMethod',
        tags: ['methods'],
        summary: 'One method',
        params: z.object({ id: z.string().min(1).describe('Method id, e.g. hhi, eu-supply-risk') }),
        response: { 200: MethodSchema, ...READ_ERRORS },
      },
    },
    async (request) => {
      const method = getMethod(request.params.id);
      if (!method) throw new NotFoundError(`Unknown method '${request.params.id}'. See GET /v1/methods for the list.`);
      return method;
    },
  );
};
