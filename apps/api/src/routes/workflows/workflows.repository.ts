import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { runs, workflowVersions, workflows } from '../../db/schema/index';
import { AppError } from '../../errors';
import { toWorkflowView, triggerTypesOf, type WorkflowRow } from './workflow-view';

/** Channel on which publish / activate / deactivate are announced to every process. */
export const WORKFLOW_CHANNEL = 'segflow_workflows';

async function announce(tx: DbOrTx, storeId: string, workflowId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_notify(${WORKFLOW_CHANNEL}, ${JSON.stringify({ storeId, workflowId })})`);
}

/** Workflows and their immutable published versions, always scoped by store. */
export function createWorkflowRepository(db: Db) {
  async function find(tx: DbOrTx, storeId: string, id: string): Promise<WorkflowRow> {
    const [row] = await tx
      .select()
      .from(workflows)
      .where(and(eq(workflows.storeId, storeId), eq(workflows.id, id)));
    if (!row) throw new AppError('workflow_not_found', `Workflow ${id} does not exist`);
    return row;
  }

  async function versionNumber(tx: DbOrTx, versionId: string | null): Promise<number | null> {
    if (!versionId) return null;
    const [v] = await tx
      .select({ version: workflowVersions.version })
      .from(workflowVersions)
      .where(eq(workflowVersions.id, versionId));
    return v?.version ?? null;
  }

  async function view(tx: DbOrTx, row: WorkflowRow) {
    return toWorkflowView(row, await versionNumber(tx, row.publishedVersionId));
  }

  return {
    /** The store's workflows, newest change first. */
    async list(storeId: string) {
      const rows = await db
        .select({ w: workflows, version: workflowVersions.version })
        .from(workflows)
        .leftJoin(workflowVersions, eq(workflowVersions.id, workflows.publishedVersionId))
        .where(eq(workflows.storeId, storeId))
        .orderBy(desc(workflows.updatedAt));
      return rows.map(({ w, version }) => {
        const { graph: _graph, ...summary } = toWorkflowView(w, version ?? null);
        return summary;
      });
    },
    /** One workflow with its draft graph. */
    async get(storeId: string, id: string) {
      return view(db, await find(db, storeId, id));
    },
    /** Creates a workflow at revision 1, inactive and unpublished. */
    async create(storeId: string, input: { name: string; graph: unknown }) {
      const [row] = await db
        .insert(workflows)
        .values({ storeId, name: input.name, graph: input.graph })
        .returning();
      return view(db, row!);
    },
    /** Saves the draft if `revision` is current (optimistic lock), else 409 `stale_revision`. */
    async update(storeId: string, id: string, input: { name?: string; graph: unknown; revision: number }) {
      const [row] = await db
        .update(workflows)
        .set({
          graph: input.graph,
          ...(input.name !== undefined ? { name: input.name } : {}),
          revision: sql`${workflows.revision} + 1`,
          updatedAt: sql`now()`,
        })
        .where(
          and(eq(workflows.storeId, storeId), eq(workflows.id, id), eq(workflows.revision, input.revision)),
        )
        .returning();
      if (row) return view(db, row);
      const current = await find(db, storeId, id);
      throw new AppError(
        'stale_revision',
        `Revision ${input.revision} is stale; the current one is ${current.revision}`,
        {
          currentRevision: current.revision,
        },
      );
    },
    /** Deletes a workflow, its versions and runs. */
    async remove(storeId: string, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const row = await find(tx, storeId, id);
        await tx.delete(workflows).where(and(eq(workflows.storeId, storeId), eq(workflows.id, row.id)));
        if (row.active) await announce(tx, storeId, id);
      });
    },
    /** Snapshots the (already validated) draft as the next immutable version and points to it. */
    async publish(storeId: string, id: string, input: { graph: unknown; note?: string; revision: number }) {
      return db.transaction(async (tx) => {
        const [{ next }] = (
          await tx.execute<{ next: number }>(
            sql`SELECT COALESCE(max(version), 0) + 1 AS next FROM workflow_versions WHERE workflow_id = ${id} AND store_id = ${storeId}`,
          )
        ).rows as [{ next: number }];
        const [version] = await tx
          .insert(workflowVersions)
          .values({
            storeId,
            workflowId: id,
            version: Number(next),
            graph: input.graph,
            triggerTypes: triggerTypesOf(input.graph),
            note: input.note ?? null,
          })
          .returning();
        const [row] = await tx
          .update(workflows)
          .set({ publishedVersionId: version!.id, updatedAt: sql`now()` })
          .where(
            and(eq(workflows.storeId, storeId), eq(workflows.id, id), eq(workflows.revision, input.revision)),
          )
          .returning();
        if (!row) throw new AppError('stale_revision', 'The workflow changed while publishing; try again');
        await announce(tx, storeId, id);
        return { ...toWorkflowView(row, version!.version), version: versionView(version!) };
      });
    },
    /** Switches a published workflow on or off; off cancels its waiting runs with a reason. */
    async setActive(storeId: string, id: string, active: boolean) {
      return db.transaction(async (tx) => {
        const current = await find(tx, storeId, id);
        if (active && !current.publishedVersionId) {
          throw new AppError('not_published', 'Publish the workflow before switching it on');
        }
        const [row] = await tx
          .update(workflows)
          .set({ active, updatedAt: sql`now()` })
          .where(and(eq(workflows.storeId, storeId), eq(workflows.id, id)))
          .returning();
        let cancelled = 0;
        if (!active) {
          const result = await tx
            .update(runs)
            .set({ status: 'cancelled', reason: 'workflow deactivated', finishedAt: sql`now()` })
            .where(and(eq(runs.storeId, storeId), eq(runs.workflowId, id), eq(runs.status, 'waiting')))
            .returning({ id: runs.id });
          cancelled = result.length;
        }
        await announce(tx, storeId, id);
        return { ...(await view(tx, row!)), cancelledRuns: cancelled };
      });
    },
    /** Every published version, newest first. */
    async versions(storeId: string, id: string) {
      await find(db, storeId, id);
      const rows = await db
        .select()
        .from(workflowVersions)
        .where(and(eq(workflowVersions.storeId, storeId), eq(workflowVersions.workflowId, id)))
        .orderBy(desc(workflowVersions.version));
      return rows.map(versionView);
    },
    /** The raw row, for services that need the draft graph and revision. */
    row: (storeId: string, id: string) => find(db, storeId, id),
  };
}

function versionView(v: typeof workflowVersions.$inferSelect) {
  return {
    id: v.id,
    version: v.version,
    graph: v.graph,
    triggerTypes: v.triggerTypes,
    note: v.note,
    publishedAt: v.publishedAt,
  };
}

/** The workflow repository's interface. */
export type WorkflowRepository = ReturnType<typeof createWorkflowRepository>;
