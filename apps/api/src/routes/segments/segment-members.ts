import type { FastifyReply } from 'fastify';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { CUSTOMER_COLUMNS, type CustomerRow, toMemberView } from '../../segments/segment-sql';

const MEMBERS_FROM = `segment_memberships sm
  JOIN customers c ON c.store_id = sm.store_id AND c.id = sm.customer_id
  LEFT JOIN customer_stats s ON s.store_id = c.store_id AND s.customer_id = c.id`;

/** A page of a segment's members by customer id (numeric cursor = last id seen). */
export async function membersPage(
  pool: pg.Pool,
  storeId: string,
  segmentId: string,
  page: { limit: number; cursor?: number },
) {
  const { rows } = await pool.query<CustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS} FROM ${MEMBERS_FROM}
     WHERE sm.store_id = $1 AND sm.segment_id = $2::uuid AND sm.customer_id > $3
     ORDER BY sm.customer_id LIMIT $4`,
    [storeId, segmentId, page.cursor ?? 0, page.limit + 1],
  );
  const items = rows.slice(0, page.limit).map(toMemberView);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > page.limit && last ? String(last.id) : null };
}

const csvColumns = `c.id, c.external_id, c.email, c.first_name, c.last_name, c.company, c.gender, c.birth_date,
  c.country, c.state, c.city, c.zip, c.accepts_marketing, c.group_name, array_to_string(c.tags, ';') AS tags,
  c.created_at, COALESCE(s.lifetime_spend, 0) AS lifetime_spend, COALESCE(s.order_count, 0) AS order_count,
  COALESCE(s.average_order_value, 0) AS average_order_value, s.first_order_at, s.last_order_at, sm.entered_at`;

/**
 * Streams every member as CSV (header first) with `COPY … TO STDOUT`: constant memory at any
 * size. COPY takes no parameters, so the two (already validated) ids are escaped as literals.
 */
export async function streamMembersCsv(
  pool: pg.Pool,
  storeId: string,
  segmentId: string,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const client = await pool.connect();
  const query = `COPY (SELECT ${csvColumns} FROM ${MEMBERS_FROM}
    WHERE sm.store_id = ${client.escapeLiteral(storeId)} AND sm.segment_id = ${client.escapeLiteral(segmentId)}::uuid
    ORDER BY sm.customer_id) TO STDOUT WITH (FORMAT csv, HEADER true)`;
  const stream = client.query(copyTo(query));
  let released = false;
  let ended = false;
  const release = (error?: Error) => {
    if (released) return;
    released = true;
    client.release(error);
  };
  stream.on('end', () => {
    ended = true;
    release();
  });
  stream.on('error', (error) => release(error));
  // A client that hangs up mid-export: stop the COPY and discard the connection.
  stream.on('close', () => release(ended ? undefined : new Error('CSV export aborted')));
  reply.raw.on('close', () => {
    if (!ended) stream.destroy();
  });
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="segment-${segmentId}.csv"`)
    .send(stream);
}
