import { z } from 'zod';
import { ValidationIssueSchema } from '../issues';

/** Every API error body: `{error: {code, message, details?}}` (DESIGN §6). */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
/** An API error body. */
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** 422 body of validate/publish: the error plus the graph issues, each naming its node or edge. */
export const InvalidGraphErrorSchema = ApiErrorSchema.extend({ issues: z.array(ValidationIssueSchema) });
/** 422 body of validate/publish. */
export type InvalidGraphError = z.infer<typeof InvalidGraphErrorSchema>;
