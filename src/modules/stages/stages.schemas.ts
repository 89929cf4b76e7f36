import { z } from 'zod';

export const StageSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    order: z.number().int().describe('Position in the chain, mining first'),
    description: z.string(),
    mineralsWithData: z.array(z.string()).describe('Minerals with at least one figure at this stage'),
  })
  .meta({ id: 'Stage' });
