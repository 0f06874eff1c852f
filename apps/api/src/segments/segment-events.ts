/**
 * Emitting `segment.entered` / `segment.exited`: SQL that turns a `changes(type, segment_id,
 * customer_id)` CTE into rows of the durable `events` inbox (already processed: nothing to apply)
 * plus one `segment_event` graphile-worker job each, in the same statement as the membership
 * change. The event id `<type>:<segment>:<customer>:<cause>` makes a retried cause emit nothing twice.
 */
export function emitChangesSql(p: { store: string; cause: string; depth: string; emit: string }): string {
  return `, emitted AS (
  INSERT INTO events (store_id, event_id, type, payload, occurred_at, processed_at, customer_id, depth)
  SELECT ${p.store}, ch.type || ':' || ch.segment_id || ':' || ch.customer_id || ':' || ${p.cause}, ch.type,
    jsonb_build_object('type', ch.type, 'segmentId', ch.segment_id, 'customerId', ch.customer_id, 'cause', ${p.cause}),
    now(), now(), ch.customer_id, ${p.depth}
  FROM changes ch WHERE ${p.emit}
  ON CONFLICT (store_id, event_id) DO NOTHING
  RETURNING id
), jobs AS (
  SELECT graphile_worker.add_jobs(array_agg(
    ROW('segment_event', json_build_object('id', id), NULL, NULL, NULL, NULL, NULL, NULL)::graphile_worker.job_spec
    ORDER BY id)) AS job
  FROM emitted HAVING count(*) > 0
)`;
}

/** Event types a membership change emits, and the trigger node type each one fires. */
export const segmentTriggerByEvent = {
  'segment.entered': 'trigger.segment_entered',
  'segment.exited': 'trigger.segment_exited',
} as const;

/** A change of one customer's membership in one segment. */
export interface MembershipChange {
  type: keyof typeof segmentTriggerByEvent;
  segmentId: string;
  customerId: number;
}
