import { z } from 'zod';
import { SALIENT_STATISTICS } from '../../domain/salient.js';
import { SourceRefSchema } from '../../schemas/common.js';

export const ProductionFigureSchema = z
  .object({
    mineral: z.string(),
    stage: z.string(),
    country: z.string().describe('ISO3, or WLD (published world total) / OTH (published "other countries")'),
    year: z.number().int(),
    tonnes: z.number().nullable().describe('Metric tons of the basis; null only when withheld'),
    basis: z.string().describe('Basis id; see the mineral for labels'),
    basisLabel: z.string(),
    edition: z.string().describe('The edition the figure belongs to (e.g. `usgs-mcs-2026`); see GET /v1/editions'),
    estimated: z.boolean(),
    withheld: z.boolean().describe('A known producer whose figure is not published'),
    lowerBound: z.boolean().describe('The source gives the figure as "more than"'),
    source: SourceRefSchema,
  })
  .meta({ id: 'ProductionFigure' });

export const ReserveSchema = z
  .object({
    mineral: z.string(),
    country: z.string(),
    year: z.number().int(),
    tonnes: z.number(),
    basis: z.string(),
    lowerBound: z.boolean(),
    edition: z.string().describe('The edition the figure belongs to; see GET /v1/editions'),
    source: SourceRefSchema,
  })
  .meta({ id: 'Reserve' });

export const CapacitySchema = z
  .object({
    mineral: z.string(),
    stage: z.string(),
    country: z.string().describe('ISO3, or WLD for the published world total'),
    year: z.number().int(),
    tonnes: z.number().describe('Metric tons of the basis per year'),
    basis: z.string(),
    basisLabel: z.string(),
    estimated: z.boolean(),
    lowerBound: z.boolean(),
    edition: z.string(),
    source: SourceRefSchema,
  })
  .meta({ id: 'Capacity' });

export const SalientSchema = z
  .object({
    country: z.string(),
    mineral: z.string(),
    statistic: z.enum(SALIENT_STATISTICS),
    detail: z.string().describe('The line as the source prints it, e.g. "Imports for consumption: Oxide"'),
    unit: z.string().describe('`t` (metric tons; kilograms and thousand tons converted) or the unit as published'),
    year: z.number().int(),
    value: z.number().nullable().describe('null when withheld (W) or not available (NA); never zero for a missing figure'),
    valueText: z.string().describe('As published'),
    estimated: z.boolean(),
    edition: z.string(),
    source: SourceRefSchema,
  })
  .meta({ id: 'SalientStatistic' });
