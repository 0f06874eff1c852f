import type { StepRecord } from '@segflow/engine';

/** A step as a gate row records it: `[nodeId, status, handle]`, `''` for no handle, + skip reason. */
export type RecordedStep = string[];

/**
 * The distinct paths of a batch's action-free runs, each kept once and numbered. A run keeps the
 * number of its path, not its steps: when the tally held every run's `StepRecord`s (with their
 * dates and outputs) until the batch was written, a batch of 64 events × 49 runs lived long enough
 * for V8 to promote them all to the old generation, where they piled up as garbage between full
 * GCs (≈ 16 MB/s at 430 events/s, most of the worker's peak RSS in `pnpm bench pipeline`).
 */
export function createPaths() {
  const ids = new Map<string, number>();
  const paths: RecordedStep[][] = [];
  return {
    /** The paths by number. */
    paths,
    /** The number of the run's path (steps as the gate records them), added when new. */
    idOf(steps: StepRecord[]): number {
      let key = '';
      for (const s of steps)
        key += `${s.nodeId}\u0000${s.status}\u0000${s.handle ?? ''}\u0000${s.skipReason ?? ''}\u0001`;
      let id = ids.get(key);
      if (id === undefined) {
        id = paths.push(steps.map(recordedStep)) - 1;
        ids.set(key, id);
      }
      return id;
    },
  };
}

function recordedStep(s: StepRecord): RecordedStep {
  const step = [s.nodeId, s.status, s.handle ?? ''];
  if (s.skipReason) step.push(s.skipReason);
  return step;
}

/**
 * An event's action-free runs as `event_routes` records them: the version of each run, aligned by
 * index with the position of its path in `paths`, where each distinct path is stored once (runs of
 * versions whose node ids coincide share it), numbered in the order of the runs. `pathIds` are
 * numbers in `batchPaths`. All null when the event had none.
 */
export function encodeRecordedRuns(versionIds: string[], pathIds: number[], batchPaths: RecordedStep[][]) {
  if (pathIds.length === 0) return { run_versions: null, run_paths: null, paths: null };
  const paths: RecordedStep[][] = [];
  const local = new Map<number, number>();
  const runPaths = pathIds.map((id) => {
    let i = local.get(id);
    if (i === undefined) {
      i = paths.push(batchPaths[id]!) - 1;
      local.set(id, i);
    }
    return i;
  });
  return { run_versions: versionIds, run_paths: runPaths, paths };
}
