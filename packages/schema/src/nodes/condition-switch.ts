import { z } from 'zod';
import { ConditionSchema } from '../condition';
import type { IssueCode } from '../issues';
import { defineNode } from '../node-definition';

/** The handle a switch takes when no case matches. */
export const DEFAULT_CASE = 'default';

/** One case of a switch: a stable id (its handle), a label, a condition. */
export const SwitchCaseSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[\w-]{1,50}$/, 'Case ids are 1–50 letters, digits, _ or -')
    .refine((id) => id !== DEFAULT_CASE, '"default" is reserved'),
  label: z.string().trim().min(1).max(100),
  condition: ConditionSchema,
});

/** Routes to the first case whose condition matches, else `default` (the tier split). */
export const conditionSwitch = defineNode({
  type: 'condition.switch',
  kind: 'condition',
  label: 'Switch',
  description: 'Route to the first matching case (e.g. Platinum / Gold / Silver), else default',
  category: 'Logic',
  icon: 'split',
  configSchema: z.strictObject({ cases: z.array(SwitchCaseSchema).min(1).max(20) }),
  defaultConfig: { cases: [{ id: 'case-1', label: 'Case 1', condition: { all: [] } }] },
  handles: (config) => [...(config.cases ?? []).map((c) => c.id), DEFAULT_CASE],
  eventFields: [],
  conditions: (config) =>
    config.cases.map((c, i) => ({ path: ['cases', i, 'condition'], condition: c.condition })),
  refine: (config) => {
    const problems: { code: IssueCode; message: string; path: (string | number)[] }[] = [];
    const ids = new Set<string>();
    const conditions = new Map<string, string>();
    config.cases.forEach((c, i) => {
      if (ids.has(c.id))
        problems.push({
          code: 'duplicate_case_id',
          message: `Two cases share the id "${c.id}"`,
          path: ['cases', i, 'id'],
        });
      ids.add(c.id);
      const key = canonicalJson(c.condition);
      const twin = conditions.get(key);
      if (twin !== undefined) {
        problems.push({
          code: 'duplicate_case_condition',
          message: `Case "${c.label}" repeats the condition of "${twin}"; it can never match`,
          path: ['cases', i, 'condition'],
        });
      } else conditions.set(key, c.label);
    });
    return problems;
  },
});

/** JSON with sorted keys, so equal conditions compare equal whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
