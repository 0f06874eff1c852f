import { z } from 'zod';
import { defineNode, singleOutput } from '../node-definition';
import { TagsSchema } from './action-add-tags';

/** Removes tags from the customer (absent tags are ignored). */
export const actionRemoveTags = defineNode({
  type: 'action.remove_tags',
  kind: 'action',
  label: 'Remove tags',
  description: 'Remove one or more tags from the customer',
  category: 'Customer',
  icon: 'tag-x',
  configSchema: z.strictObject({ tags: TagsSchema }),
  defaultConfig: { tags: [] },
  handles: singleOutput,
  eventFields: [],
});
