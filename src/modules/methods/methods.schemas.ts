import { z } from 'zod';

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
  .meta({ id: 'Method' });
