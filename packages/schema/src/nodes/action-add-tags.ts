import { z } from 'zod';
import { defineNode, singleOutput } from '../node-definition';

/** A non-empty list of tags. */
export const TagsSchema = z.array(z.string().trim().min(1).max(255)).min(1).max(50);

/** Adds tags to the customer (existing tags stay). */
export const actionAddTags = defineNode({
  type: 'action.add_tags',
  kind: 'action',
  label: 'Add tags',
  description: 'Add one or more tags to the customer',
  category: 'Customer',
  icon: 'tag',
  configSchema: z.strictObject({ tags: TagsSchema }),
  defaultConfig: { tags: [] },
  handles: singleOutput,
  eventFields: [],
});
