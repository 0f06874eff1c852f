import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import { loadStoreSettings } from '../adapters/store-settings';
import { AppError } from '../errors';
import { readUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token';

const page = (title: string, text: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body style="font-family:system-ui;max-width:32rem;margin:4rem auto"><h1>${title}</h1><p>${text}</p></body></html>`;

/**
 * `GET` / `POST /unsubscribe/:token` (the link in every marketing email; POST is RFC 8058 one-click): verifies the store-signed token,
 * sets `accepts_marketing = false` and records it in the audit log, then shows a confirmation.
 * Idempotent; a forged or damaged token is a 404, never a change.
 */
export const unsubscribeRoutes: FastifyPluginAsyncZod<{ pool: pg.Pool }> = async (app, { pool }) => {
  const handler = async (req: { params: { token: string } }, reply: FastifyReply) => {
    const claim = readUnsubscribeToken(req.params.token);
    const store = claim && (await loadStoreSettings(pool, claim.storeId));
    if (!claim || !store || !verifyUnsubscribeToken(req.params.token, store.signingSecret))
      throw new AppError('not_found', 'This unsubscribe link is not valid');
    await pool.query(
      `WITH changed AS (
         UPDATE customers SET accepts_marketing = false, updated_at = now()
         WHERE store_id = $1 AND id = $2::bigint AND accepts_marketing RETURNING id
       )
       INSERT INTO audit_log (store_id, actor, action, subject, details)
       SELECT $1, 'customer', 'customer.unsubscribed', $2::text, jsonb_build_object('via', 'email link') FROM changed`,
      [claim.storeId, claim.customerId],
    );
    const name = store.name.replace(/[<>&"]/g, '');
    return reply
      .type('text/html; charset=utf-8')
      .send(page('You are unsubscribed', `You will no longer receive marketing email from ${name}.`));
  };
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
  const schema = { tags: ['emails'], params: z.object({ token: z.string().min(1).max(500) }) };
  app.get('/unsubscribe/:token', { schema }, handler);
  // RFC 8058 one-click: mail clients POST `List-Unsubscribe=One-Click` to the same URL.
  app.post('/unsubscribe/:token', { schema }, handler);
};
