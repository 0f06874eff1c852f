import { z } from 'zod';

/**
 * `GET /api/stores/:storeId/field-values?field=&q=&limit=`: the distinct values of a field present
 * in a store's data (fields marked `valuesFromData`), most common first, for value pickers.
 * `field` is a field id, `customer.attributes.<key>` for one attribute's values, or
 * `customer.attributes` for the attribute keys themselves.
 */
export const FieldValuesQuerySchema = z.object({
  field: z.string().trim().min(1).max(200),
  /** Case-insensitive: values containing this text. */
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
/** A parsed field-values query. */
export type FieldValuesQuery = z.infer<typeof FieldValuesQuerySchema>;

/**
 * One value with the number of customers who have it; `label` when the data names it (a SKU's
 * product). `approximate: true` when `count` is estimated from a sample of a large store's customers
 * (absent when exact); such a value list may also miss values too rare to be sampled.
 */
export const FieldValueSchema = z.object({
  value: z.string(),
  label: z.string().optional(),
  count: z.number().int(),
  approximate: z.boolean().optional(),
});
/** One suggested value. */
export type FieldValue = z.infer<typeof FieldValueSchema>;

/** The field-values response body. */
export const FieldValuesResponseSchema = z.object({
  field: z.string(),
  values: z.array(FieldValueSchema),
});
/** The field-values response body. */
export type FieldValuesResponse = z.infer<typeof FieldValuesResponseSchema>;
