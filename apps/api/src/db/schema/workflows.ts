import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { storeIdColumn, tstz, uuidId } from './stores';

/** A workflow: its editable draft graph, the optimistic-lock revision, and its on/off switch. */
export const workflows = pgTable(
  'workflows',
  {
    id: uuidId(),
    storeId: storeIdColumn(),
    name: text('name').notNull(),
    graph: jsonb('graph').notNull(),
    revision: integer('revision').notNull().default(1),
    active: boolean('active').notNull().default(false),
    publishedVersionId: uuid('published_version_id'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('workflows_store_idx').on(t.storeId)],
);

/** An immutable snapshot of a workflow's graph, made on each publish. Runs pin to one. */
export const workflowVersions = pgTable(
  'workflow_versions',
  {
    id: uuidId(),
    storeId: storeIdColumn(),
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    graph: jsonb('graph').notNull(),
    triggerTypes: text('trigger_types').array().notNull(),
    note: text('note'),
    publishedAt: tstz('published_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('workflow_versions_workflow_version_key').on(t.workflowId, t.version)],
);
