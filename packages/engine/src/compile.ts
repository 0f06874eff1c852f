import {
  analyzeWorkflow,
  type Condition,
  forEachLeaf,
  isNodeType,
  type NodeKind,
  type NodeType,
  nodeDefinition,
  type Reentry,
  type ValidationIssue,
  edgeHandle,
} from '@segflow/schema';
import type { NodeRuntime } from './handlers/handler';
import { handlerFor } from './handlers/registry';

/** A node ready to run: its runtime and, per output handle, the nodes it leads to. */
export interface PlanNode {
  id: string;
  type: NodeType;
  kind: NodeKind;
  config: unknown;
  next: ReadonlyMap<string, readonly string[]>;
  execute: NodeRuntime;
}

/** A trigger of the plan with its re-entry policy (enforced by the API, which knows past runs). */
export interface PlanTrigger {
  nodeId: string;
  type: NodeType;
  reentry: Reentry;
}

/** A compiled workflow version: immutable, cached per version, shared by runs and resumes. */
export interface Plan {
  nodes: ReadonlyMap<string, PlanNode>;
  triggers: readonly PlanTrigger[];
  /** Distinct trigger types, for routing events to workflows. */
  triggerTypes: readonly NodeType[];
  /** Which optional facts conditions read, so the API loads only those. */
  needs: { purchases: boolean; segments: boolean };
}

/** Result of {@link compile}. */
export type CompileResult = { ok: true; plan: Plan } | { ok: false; issues: ValidationIssue[] };

/**
 * Validates a graph (any JSON, migrated first) and compiles it: configs parsed, condition trees
 * compiled into predicates once, handlers resolved from the typed registry. Pure; never throws on
 * bad input (issues come back as values).
 */
export function compile(graph: unknown): CompileResult {
  const analysis = analyzeWorkflow(graph);
  if (analysis.issues.length > 0 || !analysis.graph) return { ok: false, issues: analysis.issues };
  const next = new Map<string, Map<string, string[]>>();
  for (const edge of analysis.graph.edges) {
    const handles = next.get(edge.source) ?? new Map<string, string[]>();
    next.set(edge.source, handles);
    const handle = edgeHandle(edge);
    handles.set(handle, [...(handles.get(handle) ?? []), edge.target]);
  }
  const nodes = new Map<string, PlanNode>();
  const triggers: PlanTrigger[] = [];
  const needs = { purchases: false, segments: false };
  for (const node of analysis.graph.nodes) {
    if (!isNodeType(node.type)) continue; // unreachable: validation refused it
    const definition = nodeDefinition(node.type);
    const config = analysis.configs.get(node.id);
    for (const { condition } of definition.conditions?.(config) ?? []) addNeeds(condition, needs);
    const handler = handlerFor(node.type);
    nodes.set(node.id, {
      id: node.id,
      type: node.type,
      kind: definition.kind,
      config,
      next: next.get(node.id) ?? new Map(),
      execute: handler.compile(config),
    });
    if (definition.kind === 'trigger') {
      triggers.push({ nodeId: node.id, type: node.type, reentry: (config as { reentry: Reentry }).reentry });
    }
  }
  const triggerTypes = [...new Set(triggers.map((t) => t.type))];
  return { ok: true, plan: { nodes, triggers, triggerTypes, needs } };
}

/** Which optional facts a condition reads: purchases (`purchase.*`) and segment ids (`segment`). */
export function conditionNeeds(condition: Condition): Plan['needs'] {
  const needs = { purchases: false, segments: false };
  addNeeds(condition, needs);
  return needs;
}

function addNeeds(condition: Condition, needs: { purchases: boolean; segments: boolean }) {
  forEachLeaf(condition, (leaf) => {
    if (leaf.field.startsWith('purchase.')) needs.purchases = true;
    if (leaf.field === 'segment') needs.segments = true;
  });
}
