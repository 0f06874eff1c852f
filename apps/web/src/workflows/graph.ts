/**
 * The workflow graph types and validator the web app uses, re-exported from @segflow/schema so the
 * editor judges a graph exactly as the API does.
 */
export {
  type Condition,
  type ConditionLeaf,
  type Operator,
  type ValidationIssue,
  type WorkflowEdge as GraphEdge,
  type WorkflowGraph,
  type WorkflowNode as GraphNode,
  validateWorkflow,
} from '@segflow/schema';

export { emptyGraph } from './empty-graph';
