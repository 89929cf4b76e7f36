import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { READ_ERRORS, problemResponse } from '../../schemas/common.js';
import { evaluateSupplyRisk, mineralSupplyRisk } from './supply-risk.service.js';
import {
  EvaluateBodySchema,
  EvaluateResponseSchema,
  MineralSupplyRiskSchema,
  SupplyRiskParamsSchema,
  SupplyRiskQuerySchema,
} from './supply-risk.schemas.js';

export const supplyRiskRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/minerals/:mineral/supply-risk',
    {
      config: { csv: (body) => (body as { stages: unknown[] }).stages },
      schema: {
        operationId: 'getMineralSupplyRisk',
        tags: ['scores'],
        summary: 'EU supply-risk structure computed from Chokepoint data for an importer',
        description:
          'SR = [HHI_WGI(global) × IR/2 + HHI_WGI(importer sourcing) × (1 − IR/2)] × (1 − EoL-RIR) × SI, per stage; the higher stage is the bottleneck. Every input is shown; defaults are stated in `assumptions`.',
        params: SupplyRiskParamsSchema,
        querystring: SupplyRiskQuerySchema,
        response: {
          200: MineralSupplyRiskSchema,
          ...READ_ERRORS,
        },
      },
    },
    async (request) => mineralSupplyRisk(request.snapshot, request.params.mineral, request.query),
  );
  app.post(
    '/methods/eu-supply-risk/evaluate',
    {
      schema: {
        operationId: 'evaluateEuSupplyRisk',
        tags: ['methods'],
        summary: 'Evaluate the EU supply-risk formula on your own inputs',
        description:
          'Reproduces the published EU 2017 values, e.g. tungsten (7.5, 1.9, IR 0.44, EoL 0.42, SI 1.0) → 1.82 against a published 1.8.',
        body: EvaluateBodySchema,
        response: {
          200: EvaluateResponseSchema,
          400: problemResponse('Invalid inputs; the per-field list is in `errors`'),
          500: READ_ERRORS[500],
        },
      },
    },
    async (request) => evaluateSupplyRisk(request.body),
  );
};
