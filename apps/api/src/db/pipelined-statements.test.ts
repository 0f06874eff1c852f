import { afterAll, describe, expect, it } from 'vitest';
import { closeTestPool, getTestPool } from '../testing/test-database';
import { named } from './named-statement';
import { runPipelined } from './pipelined-statements';

afterAll(closeTestPool);

const statement = (text: string, values: unknown[]) => {
  const {
    name,
    text: t,
    values: v,
  } = named(text, values) as { name: string; text: string; values: unknown[] };
  return { name, text: t, values: v };
};

describe('runPipelined', () => {
  it('answers each statement its rows, typed as node-postgres types them, in one round trip', async () => {
    const client = await getTestPool().connect();
    try {
      const echo = `SELECT $1::int AS n, $2::text AS s, $3::jsonb AS j, $4::text[] AS tags, $5::timestamptz AS at, $6::boolean AS b`;
      const at = new Date('2026-01-02T03:04:05.000Z');
      const results = await runPipelined(client, [
        statement(echo, [1, 'a', JSON.stringify({ k: [1] }), ['x', 'y'], at, true]),
        statement(echo, [2, null, 'null', [], at, false]),
        statement('SELECT g FROM generate_series(1, $1::int) g', [3]),
        statement('SELECT 1 AS one WHERE false AND $1::int = 1', [0]),
      ]);
      expect(results).toEqual([
        [{ n: 1, s: 'a', j: { k: [1] }, tags: ['x', 'y'], at, b: true }],
        [{ n: 2, s: null, j: null, tags: [], at, b: false }],
        [{ g: 1 }, { g: 2 }, { g: 3 }],
        [],
      ]);
      // The client goes on as usual, its prepared statements known.
      expect((await client.query(named(echo, [5, 'b', '{}', ['z'], at, true]))).rows[0].n).toBe(5);
    } finally {
      client.release();
    }
  });

  it('runs inside the open transaction and, when one statement fails, rejects and skips the rest', async () => {
    const pool = getTestPool();
    const client = await pool.connect();
    try {
      await client.query('CREATE TEMP TABLE pipelined (n int PRIMARY KEY)');
      const insert = 'INSERT INTO pipelined (n) VALUES ($1) RETURNING n';
      const fresh = `SELECT count(*)::int AS c FROM pipelined WHERE n > $1 -- ${Date.now()}`;
      await client.query('BEGIN');
      await expect(
        runPipelined(client, [
          statement(insert, [1]),
          statement(insert, [1]), // duplicate key
          statement(fresh, [0]), // skipped: parsed only on its next use
        ]),
      ).rejects.toMatchObject({ code: '23505' });
      await client.query('ROLLBACK');
      const again = await runPipelined(client, [statement(insert, [2]), statement(fresh, [0])]);
      expect(again).toEqual([[{ n: 2 }], [{ c: 1 }]]);
    } finally {
      client.release(true);
    }
  });
});
