import { z } from 'zod';
import { SourceRefSchema, listOf, collectionQuery } from '../../schemas/common.js';
import { StageGapSchema, StageTimeFields, WorldTotalBasisSchema, WorldTotalSchema } from '../../schemas/scores.js';

export const MineralSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    symbol: z.string().nullable(),
    description: z.string(),
    stagesWithData: z.array(z.string()),
  })
  .meta({ id: 'Mineral' });

export const MineralDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  symbol: z.string().nullable(),
  description: z.string(),
  stages: z
    .array(
      z.object({
        stage: z.string(),
        name: z.string().describe('What the mineral calls the stage (smelting, APT, separation …)'),
        measure: z
          .enum(['tonnes', 'shares'])
          .describe('tonnes: annual production by country; shares: only a share table over a study period'),
        bases: z.array(
          z.object({
            id: z.string(),
            label: z.string().describe('Quantity basis, e.g. "contained antimony"'),
            description: z.string(),
            priority: z.number().int().describe('1 = the basis scores use when several exist in one year'),
          }),
        ),
        years: z.array(z.number().int()).describe('Years with annual tonnes on the preferred basis; empty for a share-based stage'),
        period: z.string().nullable().describe('The study period of a share-based stage; null for annual tonnes'),
        latest: z.object({
          ...StageTimeFields,
          basis: z.string(),
          edition: z.string().describe('The edition whose figures answered'),
          worldTonnes: z.number().nullable().describe('The total shares are taken of (see worldTotal); null on a share-based stage'),
          worldTotalBasis: WorldTotalBasisSchema,
          worldTotal: WorldTotalSchema.nullable(),
          worldSource: SourceRefSchema.nullable(),
          topProducer: z
            .object({
              country: z.string(),
              name: z.string(),
              tonnes: z.number().nullable().describe('Null on a share-based stage'),
              share: z.number().describe('Percent of world output'),
              source: SourceRefSchema,
            })
            .nullable(),
        }),
      }),
    )
    .describe('Every stage with figures, as every answer counts them (the chain, the rankings, the scores)'),
  gaps: z.array(StageGapSchema).describe('Every other stage, and why it has no figures'),
  defenseUses: z.object({
    total: z.number().int(),
    byCategory: z.record(z.string(), z.number().int()),
  }),
  criticalLists: z
    .array(
      z.object({
        list: z.string().describe('e.g. `us-2025`: the 2025 U.S. critical-minerals list'),
        critical: z.boolean(),
        edition: z.string(),
        source: SourceRefSchema,
      }),
    )
    .describe('Whether the mineral is on a government critical-minerals list, as an edition states it'),
});

export const MineralListSchema = listOf(MineralSchema);

/** GET /v1/minerals: the query and the page it answers (also the MCP tool `list_minerals`). */
export const MineralListQuerySchema = collectionQuery({});
