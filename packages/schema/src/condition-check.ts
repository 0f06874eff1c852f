import { type Condition, type ConditionLeaf, ConditionSchema } from './condition';
import { conditionShapeProblems } from './condition-shape';
import { type FieldDefinition, operatorsByType, resolveField } from './fields';
import { issue, type ValidationIssue } from './issues';

/** Deepest condition nesting accepted; deeper trees are refused before parsing. */
export const MAX_CONDITION_DEPTH = 32;

/** Where a condition sits and which event fields its workflow's triggers carry. */
export interface ConditionCheckOptions {
  /** Event field ids available here; empty for segments (no triggering event). */
  eventFields: ReadonlySet<string>;
  nodeId?: string;
  path?: (string | number)[];
}

/**
 * Checks a condition tree: shape, known fields, fields available here, operator valid for the
 * field's type, value of the right type. Returns issues; never throws.
 */
export function checkCondition(raw: unknown, options: ConditionCheckOptions): ValidationIssue[] {
  const where = { nodeId: options.nodeId, path: options.path ?? [] };
  if (depthOf(raw, 0) > MAX_CONDITION_DEPTH) {
    return [issue('condition_too_deep', `Conditions nest at most ${MAX_CONDITION_DEPTH} levels`, where)];
  }
  const shape = conditionShapeProblems(raw);
  if (shape.length > 0) {
    return shape.map((p) =>
      issue(p.code, `Condition: ${p.message}`, { ...where, path: [...where.path, ...p.path] }),
    );
  }
  const parsed = ConditionSchema.safeParse(raw);
  if (!parsed.success) {
    return parsed.error.issues.map((i) =>
      issue('invalid_config', `Condition: ${i.message}`, {
        ...where,
        path: [...where.path, ...pathOf(i.path)],
      }),
    );
  }
  return checkParsedCondition(parsed.data, options);
}

/**
 * The semantic half of {@link checkCondition} for a tree that already parsed (inside a node config):
 * depth, fields, availability, operators, values.
 */
export function checkParsedCondition(
  condition: Condition,
  options: ConditionCheckOptions,
): ValidationIssue[] {
  const where = { nodeId: options.nodeId, path: options.path ?? [] };
  if (depthOf(condition, 0) > MAX_CONDITION_DEPTH) {
    return [issue('condition_too_deep', `Conditions nest at most ${MAX_CONDITION_DEPTH} levels`, where)];
  }
  const issues: ValidationIssue[] = [];
  walk(condition, where.path, (leaf, path) => {
    const problem = checkLeaf(leaf, options.eventFields);
    if (problem) issues.push(issue(problem.code, problem.message, { ...where, path }));
  });
  return issues;
}

function pathOf(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

function depthOf(value: unknown, depth: number): number {
  if (depth > MAX_CONDITION_DEPTH || value === null || typeof value !== 'object') return depth;
  const v = value as Record<string, unknown>;
  const children = Array.isArray(v.all) ? v.all : Array.isArray(v.any) ? v.any : 'not' in v ? [v.not] : [];
  let max = depth;
  for (const child of children) max = Math.max(max, depthOf(child, depth + 1));
  return max;
}

function walk(
  c: Condition,
  path: (string | number)[],
  visit: (l: ConditionLeaf, p: (string | number)[]) => void,
) {
  if ('all' in c || 'any' in c) {
    const key = 'all' in c ? 'all' : 'any';
    const children = 'all' in c ? c.all : c.any;
    children.forEach((child, i) => {
      walk(child, [...path, key, i], visit);
    });
  } else if ('not' in c) walk(c.not, [...path, 'not'], visit);
  else visit(c, path);
}

type Problem = {
  code: 'unknown_field' | 'field_not_available' | 'invalid_operator' | 'invalid_value';
  message: string;
};

function checkLeaf(leaf: ConditionLeaf, eventFields: ReadonlySet<string>): Problem | null {
  const field = resolveField(leaf.field);
  if (!field) return { code: 'unknown_field', message: `Unknown field "${leaf.field}"` };
  if (field.source === 'event' && !eventFields.has(field.id)) {
    return {
      code: 'field_not_available',
      message: `"${field.label}" is not carried by this workflow's triggers`,
    };
  }
  if (!(operatorsByType[field.type] as readonly string[]).includes(leaf.op)) {
    return {
      code: 'invalid_operator',
      message: `"${leaf.op}" does not apply to ${field.type} field "${field.label}"`,
    };
  }
  const message = valueProblem(leaf, field);
  return message ? { code: 'invalid_value', message: `${field.label} ${leaf.op}: ${message}` } : null;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= 1000;
const isTextList = (v: unknown) => Array.isArray(v) && v.length > 0 && v.length <= 1000 && v.every(isText);
const isDays = (v: unknown) => Number.isInteger(v) && (v as number) > 0 && (v as number) <= 36500;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
/** True when `v` is an ISO date or date-time a condition accepts (date-only means 00:00 UTC). */
export const isConditionDate = (v: unknown): v is string =>
  typeof v === 'string' &&
  ISO_DATE.test(v) &&
  !Number.isNaN(Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v));

function valueProblem(leaf: ConditionLeaf, field: FieldDefinition): string | null {
  const { op, value } = leaf;
  const isPurchase = field.type === 'purchase';
  if (!isPurchase && (leaf.withinDays !== undefined || leaf.minCount !== undefined)) {
    return 'withinDays and minCount apply to purchase fields only';
  }
  const needsNoValue = op === 'is_set' || op === 'is_not_set' || op === 'is_true' || op === 'is_false';
  if (needsNoValue) return value === undefined ? null : 'takes no value';
  switch (field.type) {
    case 'number': {
      const whole = (v: unknown): v is number => isNumber(v) && Number.isInteger(v);
      if (op === 'between') {
        const ok = Array.isArray(value) && value.length === 2 && value.every(whole) && value[0]! <= value[1]!;
        return ok ? null : 'needs [min, max] whole numbers with min ≤ max';
      }
      return whole(value) ? null : 'needs a whole number (money in cents)';
    }
    case 'string':
      if (op === 'in' || op === 'not_in') return isTextList(value) ? null : 'needs a non-empty list of texts';
      return isText(value) ? null : 'needs a text';
    case 'date':
      if (op === 'within_last' || op === 'not_within_last')
        return isDays(value) ? null : 'needs a number of days';
      if (op === 'between') {
        const ok = Array.isArray(value) && value.length === 2 && value.every(isConditionDate);
        return ok && Date.parse(value[0]!) <= Date.parse(value[1]!)
          ? null
          : 'needs [from, to] ISO dates, from ≤ to';
      }
      return isConditionDate(value) ? null : 'needs an ISO date (YYYY-MM-DD or date-time)';
    case 'set':
      return isTextList(value) ? null : 'needs a non-empty list of texts';
    case 'purchase':
      return isText(value) || isTextList(value) ? null : 'needs a text or a non-empty list of texts';
    case 'segment':
      return isText(value) && value.length > 0 ? null : 'needs a segment id';
    default:
      return null;
  }
}
