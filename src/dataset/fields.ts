import { z } from 'zod';
import { dateProblem } from '../lib/dates.js';

/** Field parsers for CSV cells (always strings): '' means "no value", never zero. */

export const requiredText = z.string().trim().min(1, 'is required');

export const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? null : value));

export const flag = z
  .string()
  .trim()
  .refine((value) => ['', 'true', 'false'].includes(value), 'must be true, false or empty')
  .transform((value) => value === 'true');

const NUMBER_PATTERN = /^-?\d+(\.\d+)?$/;

export const nonNegativeNumber = z
  .string()
  .trim()
  .refine((value) => NUMBER_PATTERN.test(value), 'must be a number')
  .transform(Number)
  .refine((value) => value >= 0, 'must not be negative');

export const optionalNonNegativeNumber = z
  .string()
  .trim()
  .refine((value) => value === '' || NUMBER_PATTERN.test(value), 'must be a number or empty')
  .transform((value) => (value === '' ? null : Number(value)))
  .refine((value) => value === null || value >= 0, 'must not be negative');

/** A percentage 0–100, or empty for a figure the source does not give. */
export const optionalPercent = optionalNonNegativeNumber.refine((value) => value === null || value <= 100, 'must be at most 100');

export const decimal = z
  .string()
  .trim()
  .refine((value) => NUMBER_PATTERN.test(value), 'must be a number')
  .transform(Number);

export const year = z
  .string()
  .trim()
  .regex(/^\d{4}$/, 'must be a four-digit year')
  .transform(Number)
  .refine((value) => value >= 1900 && value <= 2100, 'must be between 1900 and 2100');

export const optionalYear = z
  .string()
  .trim()
  .refine((value) => value === '' || /^\d{4}$/.test(value), 'must be a four-digit year or empty')
  .transform((value) => (value === '' ? null : Number(value)));

export const positiveInteger = z
  .string()
  .trim()
  .regex(/^\d+$/, 'must be a whole number')
  .transform(Number)
  .refine((value) => value >= 1, 'must be at least 1');

export const iso3 = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, 'must be an ISO 3166-1 alpha-3 code')
  .transform((value) => value.toUpperCase());

export const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lower-case slug');

/** A calendar date, YYYY-MM-DD, or '' for "not recorded". */
export const optionalDate = z
  .string()
  .trim()
  .superRefine((value, context) => {
    if (value === '') return;
    const problem = dateProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .transform((value) => (value === '' ? null : value));

/** A ';'-separated list of slugs ('' = empty list); each id is checked against its table by the cross-checks. */
export const slugList = z
  .string()
  .trim()
  .transform((value) => (value === '' ? [] : value.split(';').map((item) => item.trim())))
  .superRefine((items, context) => {
    items.forEach((item, index) => {
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(item)) {
        context.addIssue({ code: 'custom', message: `item ${index + 1} ('${item}') must be a lower-case slug` });
      }
    });
  });
