import type { Clock } from '../ports';
import { fakeClock, type RecordedCall, type RecordingPorts, fakePorts } from './fake-ports';

/** The ports of a dry run / backtest: what each action would do, with no effect. */
export interface DryRunPorts extends RecordingPorts {
  /** The would-be actions, in run order. */
  wouldDo(): RecordedCall[];
}

/**
 * Ports that record instead of act (DESIGN §5 dry run): every action is reported `done` with
 * `{dryRun: true, wouldDo: request}` so the trace shows the path and the would-be effects. The
 * clock is the caller's (the real one for a test run, a fixed one for a backtest).
 */
export function dryRunPorts(clock: Clock = fakeClock()): DryRunPorts {
  const recording = fakePorts({ output: (port, request) => ({ dryRun: true, port, wouldDo: request }) });
  const ports: DryRunPorts = {
    ...recording,
    clock: { ...recording.clock, now: () => clock.now() },
    wouldDo: () => [...recording.calls],
  };
  return ports;
}
