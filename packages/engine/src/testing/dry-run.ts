import type { Plan } from '../compile';
import { resume, run } from '../run';
import type { RunInput, RunResult, StepRecord } from '../run-types';
import { dryRunPorts } from './dry-run-ports';
import { fakeClock, type RecordedCall } from './fake-ports';

/** What a dry run shows: the whole path (waits included) and every action it would take. */
export interface DryRunResult {
  status: RunResult['status'];
  steps: StepRecord[];
  wouldDo: RecordedCall[];
  /** The due times the waits would have had, in order. */
  waits: { nodeId: string; dueAt: Date }[];
}

/**
 * A test run / backtest of one event for one customer, with no effect: actions are recorded, and
 * each wait is skipped over by moving a fake clock (starting at `now`) to its due time, so the
 * trace shows the path after the waits too. At most `maxWaits` waits are crossed.
 */
export async function dryRun(plan: Plan, input: RunInput, now: Date, maxWaits = 50): Promise<DryRunResult> {
  const clock = fakeClock(now);
  const ports = dryRunPorts(clock);
  const waits: DryRunResult['waits'] = [];
  let result = await run(plan, input, ports);
  const steps = [...result.steps];
  while (result.status === 'waiting' && result.wait && waits.length < maxWaits) {
    waits.push({ nodeId: result.wait.nodeId, dueAt: result.wait.dueAt });
    clock.set(result.wait.dueAt);
    result = await resume(plan, { state: result.wait.resumeState, customer: input.customer }, ports);
    steps.push(...result.steps);
  }
  return { status: result.status, steps, wouldDo: ports.wouldDo(), waits };
}
