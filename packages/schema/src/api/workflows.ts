import { z } from 'zod';

/**
 * The graph as a request carries it: any JSON object. Drafts may be invalid and are saved as they
 * are; `validateWorkflow` judges them and publish refuses an invalid one.
 */
export const DraftGraphSchema = z.record(z.string(), z.unknown());

const name = z.string().trim().min(1).max(200);

/** `POST /stores/:storeId/workflows`. */
export const CreateWorkflowBodySchema = z.object({ name, graph: DraftGraphSchema });
/** Body of create workflow. */
export type CreateWorkflowBody = z.infer<typeof CreateWorkflowBodySchema>;

/** `PUT /stores/:storeId/workflows/:id`; `revision` is the one the client edited (409 when stale). */
export const UpdateWorkflowBodySchema = z.object({
  name: name.optional(),
  graph: DraftGraphSchema,
  revision: z.number().int().min(0),
});
/** Body of update workflow. */
export type UpdateWorkflowBody = z.infer<typeof UpdateWorkflowBodySchema>;

/** `POST /stores/:storeId/workflows/:id/publish`. */
export const PublishBodySchema = z.object({ note: z.string().max(1000).optional() });
/** Body of publish. */
export type PublishBody = z.infer<typeof PublishBodySchema>;

/** `POST /stores/:storeId/workflows/validate`. */
export const ValidateWorkflowBodySchema = z.object({ graph: z.unknown() });
/** Body of validate. */
export type ValidateWorkflowBody = z.infer<typeof ValidateWorkflowBodySchema>;
