import { z } from 'zod';
import { SourceRefSchema } from '../../schemas/common.js';

export const GroupSchema = z
  .object({
    id: z.string().describe('Group id, e.g. msp, nato, g7, quad, eu, central-asia'),
    name: z.string(),
    description: z.string(),
    memberCount: z.number().int(),
    source: SourceRefSchema,
  })
  .meta({ id: 'Group' });

export const GroupDetailSchema = GroupSchema.extend({
  members: z.array(
    z.object({
      country: z.string(),
      name: z.string(),
      joined: z.string().nullable().describe('YYYY or YYYY-MM where known'),
      source: SourceRefSchema,
    }),
  ),
});
