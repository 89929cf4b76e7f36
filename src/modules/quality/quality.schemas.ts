import { z } from 'zod';
import { QUALITY_KINDS } from './quality.service.js';

export const QualityItemSchema = z
  .object({
    kind: z.enum(QUALITY_KINDS).describe('See the quality tag'),
    mineral: z.string(),
    stage: z.string().nullable(),
    year: z.number().int().nullable(),
    period: z.string().nullable(),
    basis: z.string().nullable(),
    edition: z.string().nullable(),
    reason: z.string(),
    href: z.string().describe('Where the figure is answered'),
  })
  .meta({ id: 'QualityItem' });
