import { operators } from './condition';

/** A shape problem in raw condition JSON, with its path below the condition. */
export interface ShapeProblem {
  code: 'invalid_config' | 'invalid_operator';
  message: string;
  path: (string | number)[];
}

const leafKeys = new Set(['field', 'op', 'value', 'withinDays', 'minCount']);
const operatorSet: ReadonlySet<string> = new Set(operators);

/** True when raw JSON looks like it meant to be a condition (so shape messages beat "Invalid input"). */
export function looksLikeCondition(raw: unknown): boolean {
  return (
    typeof raw === 'object' && raw !== null && ['all', 'any', 'not', 'field', 'op'].some((k) => k in raw)
  );
}

/**
 * Explains why raw JSON is not a condition tree, in the builder's words, node by node. A zod union
 * only says "Invalid input"; this says which key is wrong and where. Empty when the shape is right.
 */
export function conditionShapeProblems(raw: unknown, path: (string | number)[] = []): ShapeProblem[] {
  const problem = (message: string, at = path, code: ShapeProblem['code'] = 'invalid_config') => [
    { code, message, path: at },
  ];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return problem('Expected a condition: {all: [...]}, {any: [...]}, {not: {...}} or {field, op, value}');
  }
  const keys = Object.keys(raw);
  const value = raw as Record<string, unknown>;
  for (const group of ['all', 'any'] as const) {
    if (!(group in value)) continue;
    if (keys.length > 1) return problem(`A group has only "${group}"; found ${keys.join(', ')}`);
    const children = value[group];
    if (!Array.isArray(children)) return problem(`"${group}" must be a list of conditions`, [...path, group]);
    return children.flatMap((child, i) => conditionShapeProblems(child, [...path, group, i]));
  }
  if ('not' in value) {
    if (keys.length > 1) return problem(`"not" stands alone; found ${keys.join(', ')}`);
    return conditionShapeProblems(value.not, [...path, 'not']);
  }
  const extra = keys.filter((k) => !leafKeys.has(k));
  if (extra.length > 0)
    return problem(`Unknown key${extra.length > 1 ? 's' : ''} in a comparison: ${extra.join(', ')}`);
  if (typeof value.field !== 'string' || value.field.length === 0)
    return problem('A comparison needs a field', [...path, 'field']);
  if (typeof value.op !== 'string') return problem('A comparison needs an operator', [...path, 'op']);
  if (!operatorSet.has(value.op))
    return problem(`Unknown operator "${value.op}"`, [...path, 'op'], 'invalid_operator');
  for (const key of ['withinDays', 'minCount'] as const) {
    const n = value[key];
    if (n !== undefined && !(Number.isInteger(n) && (n as number) > 0))
      return problem(`${key} must be a positive whole number`, [...path, key]);
  }
  return [];
}
