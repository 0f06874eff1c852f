import { z } from 'zod';

/**
 * Stable machine codes of workflow validation issues. Clients switch on these; never rename one,
 * only add.
 */
export const issueCodes = [
  'invalid_graph',
  'schema_version_unsupported',
  'duplicate_node_id',
  'duplicate_edge_id',
  'unknown_node_type',
  'no_trigger',
  'unreachable_node',
  'cycle',
  'edge_unknown_source',
  'edge_unknown_target',
  'edge_into_trigger',
  'duplicate_edge',
  'invalid_handle',
  'missing_handle',
  'invalid_config',
  'unknown_field',
  'field_not_available',
  'invalid_operator',
  'invalid_value',
  'condition_too_deep',
  'duplicate_case_id',
  'duplicate_case_condition',
  'internal_error',
] as const;

/** One of {@link issueCodes}. */
export type IssueCode = (typeof issueCodes)[number];

/** A problem found in a workflow graph, located on a node or an edge when it has a place. */
export const ValidationIssueSchema = z.object({
  code: z.enum(issueCodes),
  message: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
});

/** A problem found in a workflow graph; `path` points into the node config when it helps. */
export type ValidationIssue = z.infer<typeof ValidationIssueSchema>;

/** Builds an issue; keeps call sites short and the shape uniform. */
export function issue(
  code: IssueCode,
  message: string,
  where: { nodeId?: string; edgeId?: string; path?: (string | number)[] } = {},
): ValidationIssue {
  return { code, message, ...where };
}
