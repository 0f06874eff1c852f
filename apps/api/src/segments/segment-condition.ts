import { type Condition, ConditionSchema, checkCondition, forEachLeaf } from '@segflow/schema';
import { AppError } from '../errors';

const noEventFields: ReadonlySet<string> = new Set();

/**
 * Parses a segment's condition tree: shape, known customer fields (segments have no triggering
 * event), operators valid for each field and values of the right type. Throws a 400 naming the
 * first problem and listing all of them (`details.issues`), never a 500.
 */
export function parseSegmentCondition(raw: unknown, selfId?: string): Condition {
  const issues = checkCondition(raw, { eventFields: noEventFields, path: ['condition'] });
  const first = issues[0];
  if (first) {
    const where = first.path?.length ? `${first.path.join('.')}: ` : '';
    throw new AppError('validation_failed', `${where}${first.message}`, {
      issues: issues.map((i) => ({ code: i.code, path: (i.path ?? []).join('.'), message: i.message })),
    });
  }
  const condition = ConditionSchema.parse(raw);
  if (selfId) {
    forEachLeaf(condition, (leaf) => {
      if (leaf.field === 'segment' && leaf.value === selfId) {
        throw new AppError('validation_failed', 'condition: a segment cannot contain itself');
      }
    });
  }
  return condition;
}

/**
 * True when the tree's verdict can change with time alone ("within the last N days", age,
 * purchases within N days) or with another segment: those are re-evaluated on a schedule.
 */
export function isTimeDependent(condition: Condition): boolean {
  let dependent = false;
  forEachLeaf(condition, (leaf) => {
    if (leaf.op === 'within_last' || leaf.op === 'not_within_last') dependent = true;
    if (leaf.field === 'customer.age' || leaf.withinDays !== undefined || leaf.field === 'segment') {
      dependent = true;
    }
  });
  return dependent;
}

/** Which optional facts the tree reads (purchases, segment ids), as the worker's loader wants them. */
export function factsNeeds(condition: Condition): { purchases: boolean; segments: boolean } {
  const needs = { purchases: false, segments: false };
  forEachLeaf(condition, (leaf) => {
    if (leaf.field.startsWith('purchase.')) needs.purchases = true;
    if (leaf.field === 'segment') needs.segments = true;
  });
  return needs;
}
