import { checkParsedCondition } from './condition-check';
import { conditionShapeProblems, looksLikeCondition } from './condition-shape';
import { checkCycles, checkEdges, checkReachable, type NodeFacts } from './graph-checks';
import { issue, type ValidationIssue } from './issues';
import { parseStoredGraph } from './migrations';
import { isNodeType, nodeDefinition } from './node-catalog';
import type { WorkflowGraph, WorkflowNode } from './workflow';

/**
 * Every check of a workflow graph (issue 3 §3), in one pass, the same in web and API. An empty list
 * means publishable. Accepts any JSON (stored graphs of older versions are migrated first) and never
 * throws.
 */
export function validateWorkflow(raw: unknown): ValidationIssue[] {
  return analyzeWorkflow(raw).issues;
}

/** What one validation pass learns: the issues and, when the shape parsed, the graph and parsed configs. */
export interface WorkflowAnalysis {
  issues: ValidationIssue[];
  graph: WorkflowGraph | null;
  /** Parsed config (defaults applied) of every node whose config is valid, by node id. */
  configs: Map<string, unknown>;
}

/**
 * {@link validateWorkflow} keeping its by-products, so the engine's compile parses each config once.
 * Never throws.
 */
export function analyzeWorkflow(raw: unknown): WorkflowAnalysis {
  const configs = new Map<string, unknown>();
  try {
    const parsed = parseStoredGraph(raw);
    if (!parsed.ok) return { issues: parsed.issues, graph: null, configs };
    return { issues: validateGraph(parsed.graph, configs), graph: parsed.graph, configs };
  } catch (error) {
    // Only a bug lands here; the caller still gets a value, never an exception.
    return {
      issues: [issue('internal_error', `Validation failed unexpectedly: ${String(error)}`)],
      graph: null,
      configs,
    };
  }
}

/** The event fields usable under these triggers: those every trigger of the workflow carries. */
export function availableEventFields(graph: Pick<WorkflowGraph, 'nodes'>): Set<string> {
  let fields: Set<string> | undefined;
  for (const node of graph.nodes) {
    if (!isNodeType(node.type)) continue;
    const definition = nodeDefinition(node.type);
    if (definition.kind !== 'trigger') continue;
    const carried: ReadonlySet<string> = new Set(definition.eventFields);
    const previous: Set<string> | undefined = fields;
    fields = previous ? new Set([...previous].filter((f) => carried.has(f))) : new Set(carried);
  }
  return fields ?? new Set();
}

function validateGraph(graph: WorkflowGraph, configs: Map<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const nodes = new Map<string, NodeFacts>();
  const eventFields = availableEventFields(graph);
  for (const node of graph.nodes) {
    if (nodes.has(node.id)) {
      issues.push(issue('duplicate_node_id', `Two nodes share the id "${node.id}"`, { nodeId: node.id }));
      continue;
    }
    nodes.set(node.id, checkNode(node, eventFields, issues, configs));
  }
  const edgeIds = new Set<string>();
  for (const edge of graph.edges) {
    if (edgeIds.has(edge.id))
      issues.push(issue('duplicate_edge_id', `Two edges share the id "${edge.id}"`, { edgeId: edge.id }));
    edgeIds.add(edge.id);
  }
  if (![...nodes.values()].some((n) => n.isTrigger)) {
    issues.push(issue('no_trigger', 'A workflow needs at least one trigger'));
  }
  const edges = checkEdges(graph.edges, nodes, issues);
  checkCycles([...nodes.keys()], edges, issues);
  checkReachable(nodes, edges, issues);
  return issues;
}

function checkNode(
  node: WorkflowNode,
  eventFields: ReadonlySet<string>,
  issues: ValidationIssue[],
  configs: Map<string, unknown>,
): NodeFacts {
  const nodeId = node.id;
  if (!isNodeType(node.type)) {
    issues.push(issue('unknown_node_type', `Unknown node type "${node.type}"`, { nodeId }));
    return { id: nodeId, isTrigger: false, handles: null };
  }
  const definition = nodeDefinition(node.type);
  const isTrigger = definition.kind === 'trigger';
  if (jsonDepth(node.config, 0) > 80) {
    issues.push(issue('invalid_config', 'Config is nested too deeply', { nodeId }));
    return { id: nodeId, isTrigger, handles: null };
  }
  const parsed = definition.configSchema.safeParse(node.config);
  if (!parsed.success) {
    issues.push(...configIssues(definition.label, nodeId, node.config, parsed.error.issues));
    return { id: nodeId, isTrigger, handles: null };
  }
  for (const { path, condition } of definition.conditions?.(parsed.data) ?? []) {
    issues.push(...checkParsedCondition(condition, { eventFields, nodeId, path }));
  }
  for (const problem of definition.refine?.(parsed.data) ?? []) {
    issues.push(issue(problem.code, problem.message, { nodeId, path: problem.path }));
  }
  configs.set(nodeId, parsed.data);
  return { id: nodeId, isTrigger, handles: definition.handles(parsed.data) };
}

/** Zod's config issues as validation issues; a failed condition union is explained by its shape instead. */
function configIssues(
  label: string,
  nodeId: string,
  config: unknown,
  zodIssues: readonly { path: readonly PropertyKey[]; message: string }[],
): ValidationIssue[] {
  const seen = new Set<string>();
  const all = zodIssues.flatMap((i) => {
    const path = i.path.map((p) => (typeof p === 'number' ? p : String(p)));
    const value = path.reduce<unknown>(
      (v, key) => (v as Record<string | number, unknown> | undefined)?.[key],
      config,
    );
    const isCondition = looksLikeCondition(value) || path.at(-1) === 'condition';
    const explained = isCondition ? conditionShapeProblems(value, path) : [];
    if (explained.length > 0) {
      return explained.map((p) => issue(p.code, `${label}: ${p.message}`, { nodeId, path: p.path }));
    }
    const at = path.length > 0 ? `${path.join('.')}: ` : '';
    return [issue('invalid_config', `${label}: ${at}${i.message}`, { nodeId, path })];
  });
  return all.filter((i) => {
    const key = JSON.stringify([i.code, i.message, i.path]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function jsonDepth(value: unknown, depth: number): number {
  if (depth > 80 || value === null || typeof value !== 'object') return depth;
  let max = depth;
  for (const child of Object.values(value)) max = Math.max(max, jsonDepth(child, depth + 1));
  return max;
}
