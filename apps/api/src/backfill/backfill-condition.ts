import { type Condition, checkCondition } from '@segflow/schema';
import { conditionToSql } from '@segflow/engine';
import { AppError } from '../errors';

/** Checks a backfill's condition (customer fields only: a backfill has no triggering event). */
export function parseBackfillCondition(raw: unknown): Condition | null {
  if (raw === undefined || raw === null) return null;
  const issues = checkCondition(raw, { eventFields: new Set() });
  if (issues.length > 0)
    throw new AppError('validation_failed', `condition: ${issues[0]!.message}`, { issues });
  return raw as Condition;
}

/**
 * The customers a backfill covers, as SQL over `c` / `s` with `$1` = store id and `$2` = the id
 * to continue after; the condition's parameters follow. Time-relative leaves use `now` (the
 * backfill's start), so every batch sees the same set.
 */
export function backfillSelection(
  condition: Condition | null,
  now: Date,
): { where: string; params: unknown[] } {
  if (!condition) return { where: 'TRUE', params: [] };
  const compiled = conditionToSql(condition, { now, firstParamIndex: 3 });
  return { where: compiled.sql, params: compiled.params };
}

/** FROM clause of the selection: customers with their stats (absent stats read as 0 / null). */
export const selectionFrom = `customers c LEFT JOIN customer_stats s ON s.store_id = c.store_id AND s.customer_id = c.id`;
