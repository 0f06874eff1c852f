import { z } from 'zod';

/** Every comparison operator a condition leaf may use; which apply to a field is in `fields.ts`. */
export const operators = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'in',
  'not_in',
  'before',
  'after',
  'within_last',
  'not_within_last',
  'contains_any',
  'contains_all',
  'contains_none',
  'is_true',
  'is_false',
  'is_set',
  'is_not_set',
  'has_purchased',
  'has_not_purchased',
  'in_segment',
  'not_in_segment',
] as const;

/** One of {@link operators}. */
export type Operator = (typeof operators)[number];

/** Schema of an operator id. */
export const OperatorSchema = z.enum(operators);

/**
 * A leaf compares one catalog field with a value. `withinDays` and `minCount` refine purchase
 * leaves only; which value shape an operator needs is checked by `checkCondition`.
 */
export const ConditionLeafSchema = z.strictObject({
  field: z.string().min(1).max(200),
  op: OperatorSchema,
  value: z.unknown().optional(),
  withinDays: z.number().int().positive().max(36500).optional(),
  minCount: z.number().int().positive().max(1_000_000).optional(),
});

/** A comparison of one field. */
export type ConditionLeaf = z.infer<typeof ConditionLeafSchema>;

/** A condition tree: `all` (AND), `any` (OR), `not`, or a leaf. Data only: never an expression string. */
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | ConditionLeaf;

/**
 * Recursive schema of {@link Condition}. The leaf comes first: most nodes of a tree are leaves, and a
 * union pays for every option it tries and rejects.
 */
export const ConditionSchema: z.ZodType<Condition> = z
  .lazy(() =>
    z.union([
      ConditionLeafSchema,
      z.strictObject({ all: z.array(ConditionSchema) }),
      z.strictObject({ any: z.array(ConditionSchema) }),
      z.strictObject({ not: ConditionSchema }),
    ]),
  )
  .meta({ id: 'Condition', description: 'all / any / not / leaf condition tree' });

/** Narrows a condition to a leaf. */
export function isLeaf(condition: Condition): condition is ConditionLeaf {
  return 'field' in condition;
}

/** Calls `visit` on every leaf of the tree, depth first, left to right. */
export function forEachLeaf(condition: Condition, visit: (leaf: ConditionLeaf) => void): void {
  if ('all' in condition || 'any' in condition) {
    for (const child of 'all' in condition ? condition.all : condition.any) forEachLeaf(child, visit);
  } else if ('not' in condition) forEachLeaf(condition.not, visit);
  else visit(condition);
}
