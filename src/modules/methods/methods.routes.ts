import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../errors.js';
import { FormatQuery, READ_ERRORS, listOf } from '../../schemas/common.js';
import { getMethod, METHODS } from '../../scoring/index.js';
import { MethodSchema } from './methods.schemas.js';

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
        response: { 200: listOf(MethodSchema), 500: READ_ERRORS[500] },
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
