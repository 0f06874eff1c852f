import { type NodeConfig, weekdays } from '@segflow/schema';
import type { NodeHandler } from './handler';
import { isTimeZone, nextLocalTime } from './zoned-time';

const MINUTE = 60_000;

/** When a wait started at `now` is due; `until` times are wall-clock times in the store's zone. */
export function waitDueAt(config: NodeConfig<'action.wait'>, now: Date, timeZone: string): Date {
  if ('minutes' in config) return new Date(now.getTime() + config.minutes * MINUTE);
  if ('hours' in config) return new Date(now.getTime() + config.hours * 60 * MINUTE);
  if ('days' in config) return new Date(now.getTime() + config.days * 24 * 60 * MINUTE);
  const weekday = config.until.weekday === undefined ? undefined : weekdays.indexOf(config.until.weekday);
  return nextLocalTime(now, config.until.time, weekday, isTimeZone(timeZone) ? timeZone : 'UTC');
}

/** `action.wait`: suspends the run until the due time; `resume` continues after it. */
export const actionWait: NodeHandler<NodeConfig<'action.wait'>> = {
  kind: 'action',
  compile: (config) => (exec) => {
    const dueAt = waitDueAt(config, exec.evalContext.now, exec.timeZone);
    return { status: 'waiting', dueAt, output: { dueAt: dueAt.toISOString() } };
  },
};
