import type { ValidationIssue } from '../../workflows/graph';
import type { CanvasSliceCreator } from '../canvas-store';

/** One step of a dry run, as drawn on the canvas. */
export interface TestStep {
  nodeId: string;
  status: string;
  handle?: string | undefined;
  note?: string | undefined;
}

/** What the editor shows on top of the graph: validation issues and the last test-run path. */
export interface ReviewSlice {
  issues: ValidationIssue[];
  /** Steps of the last dry run, by node id; empty when no run is shown. */
  testSteps: Record<string, TestStep>;
  /** Counters from real runs by node id (entered), shown on cards when present. */
  counts: Record<string, number> | null;
  setIssues: (issues: ValidationIssue[]) => void;
  setCounts: (counts: Record<string, number> | null) => void;
  showTestRun: (steps: TestStep[]) => void;
  clearTestRun: () => void;
}

/** Builds the review slice. */
export const createReviewSlice = (): CanvasSliceCreator<ReviewSlice> => (set) => ({
  issues: [],
  testSteps: {},
  counts: null,
  setIssues: (issues) => set({ issues }),
  setCounts: (counts) => set({ counts }),
  showTestRun: (steps) => set({ testSteps: Object.fromEntries(steps.map((s) => [s.nodeId, s])) }),
  clearTestRun: () => set({ testSteps: {} }),
});
