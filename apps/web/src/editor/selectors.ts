import type { ValidationIssue } from '../workflows/graph';
import type { CanvasState, HistoryState } from './canvas-store';
import type { TemporalState } from 'zundo';
import type { WorkflowFlowNode } from './flow-mapping';
import type { TestStep } from './slices/review-slice';

/**
 * Named selectors for the editor store. Components subscribe through these so each re-renders only
 * when its own slice changes; object-returning ones are used with `useShallow`.
 */

/** What React Flow needs (use with useShallow). */
export const selectFlow = (s: CanvasState) => ({
  nodes: s.nodes,
  edges: s.edges,
  onNodesChange: s.onNodesChange,
  onEdgesChange: s.onEdgesChange,
  connect: s.connect,
  beginBatch: s.beginBatch,
  endBatch: s.endBatch,
});

/** The id of the single selected node, or null when none or several are selected. */
export const selectInspectedId = (s: CanvasState): string | null => {
  let found: string | null = null;
  for (const n of s.nodes) {
    if (!n.selected) continue;
    if (found) return null;
    found = n.id;
  }
  return found;
};

/** How many nodes are selected. */
export const selectSelectionCount = (s: CanvasState) =>
  s.nodes.reduce((n, node) => n + (node.selected ? 1 : 0), 0);

/** A node by id (stable reference while it does not change). */
export const selectNode =
  (id: string | null) =>
  (s: CanvasState): WorkflowFlowNode | undefined =>
    id ? s.nodes.find((n) => n.id === id) : undefined;

/** A node's data (type, config, label) by id; unchanged while the node is only moved. */
export const selectNodeData = (id: string) => (s: CanvasState) => s.nodes.find((n) => n.id === id)?.data;

/** Validation issues. */
export const selectIssues = (s: CanvasState): ValidationIssue[] => s.issues;

/** What one card shows beside its config: issue badge, test-run step and run counter. */
export interface CardStatus {
  issueCount: number;
  /** The first issue's message (the badge tooltip). */
  firstIssue: string | undefined;
  /** The dry-run step on the node, if the last test run reached it. */
  step: TestStep | undefined;
  /** Runs that entered the node recently, or null when counters are hidden. */
  count: number | null;
}

/**
 * One card's status in one pass over the issues (use with useShallow): one subscription per card
 * instead of four, so each store update runs a quarter of the selectors (300 cards, every drag frame).
 */
export const selectCardStatus =
  (id: string) =>
  (s: CanvasState): CardStatus => {
    let issueCount = 0;
    let firstIssue: string | undefined;
    for (const issue of s.issues) {
      if (issue.nodeId !== id) continue;
      if (issueCount === 0) firstIssue = issue.message;
      issueCount += 1;
    }
    return { issueCount, firstIssue, step: s.testSteps[id], count: s.counts ? (s.counts[id] ?? 0) : null };
  };

/** True when a test-run path is drawn. */
export const selectHasTestRun = (s: CanvasState) => Object.keys(s.testSteps).length > 0;

/** True when the graph or name differs from the last save. */
export const selectIsDirty = (s: CanvasState) =>
  s.changeCount !== s.savedChangeCount || s.name !== s.savedName;

/** Document fields the header shows (use with useShallow). */
export const selectDocument = (s: CanvasState) => ({
  name: s.name,
  revision: s.revision,
  conflict: s.conflict,
  setName: s.setName,
});

/** Counts of nodes and edges, for the status bar and empty-canvas hint. */
export const selectCounts = (s: CanvasState) => ({ nodes: s.nodes.length, edges: s.edges.length });

/** Whether undo / redo are possible (use with useShallow on the temporal store). */
export const selectHistoryAvailability = (t: TemporalState<HistoryState>) => ({
  canUndo: t.pastStates.length > 0,
  canRedo: t.futureStates.length > 0,
});
