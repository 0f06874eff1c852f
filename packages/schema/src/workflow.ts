import { z } from 'zod';

/** The graph format written by this code. Older stored graphs go through `migrateGraph`. */
export const CURRENT_SCHEMA_VERSION = 1;

const id = z.string().min(1).max(100);

/** A node on the canvas. `type` is checked against the catalog by `validateWorkflow`. */
export const WorkflowNodeSchema = z.object({
  id,
  type: z.string().min(1).max(100),
  position: z.object({ x: z.number(), y: z.number() }),
  config: z.record(z.string(), z.unknown()),
  label: z.string().max(200).optional(),
});
/** A node on the canvas. */
export type WorkflowNode = z.infer<typeof WorkflowNodeSchema>;

/** An edge in React Flow's shape; `sourceHandle` names the output it leaves from. */
export const WorkflowEdgeSchema = z.object({
  id,
  source: id,
  target: id,
  sourceHandle: z.string().max(100).nullable().optional(),
  targetHandle: z.string().max(100).nullable().optional(),
});
/** An edge between two nodes. */
export type WorkflowEdge = z.infer<typeof WorkflowEdgeSchema>;

/** A workflow graph as stored and exchanged (DESIGN §4). */
export const WorkflowGraphSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  nodes: z.array(WorkflowNodeSchema).max(1000),
  edges: z.array(WorkflowEdgeSchema).max(4000),
});
/** A workflow graph. */
export type WorkflowGraph = z.infer<typeof WorkflowGraphSchema>;
