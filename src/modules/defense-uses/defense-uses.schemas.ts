import { z } from 'zod';
import { SourceRefSchema } from '../../schemas/common.js';
import { DEFENSE_CATEGORIES } from '../../domain/defense.js';

export const DefenseUseSchema = z
  .object({
    id: z.string(),
    mineral: z.string(),
    category: z.enum(DEFENSE_CATEGORIES),
    application: z.string(),
    description: z.string(),
    source: SourceRefSchema,
  })
  .meta({ id: 'DefenseUse' });
