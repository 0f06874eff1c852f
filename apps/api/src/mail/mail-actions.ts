import { randomUUID } from 'node:crypto';
import type { ActionContext, ActionPorts, CouponRequest } from '@segflow/engine';
import type pg from 'pg';
import type { DeliveryConfig } from '../adapters/delivery-config';
import { ledgeredFailure, ledgeredStatement } from '../adapters/ledgered-statement';
import { loadStoreSettings } from '../adapters/store-settings';
import { couponParam, insertCouponCte, issueCoupon, withFreshCode } from '../coupons/coupon-code';
import { renderEmail, TemplateError } from './templates';
import { templateVariables } from './template-variables';
import { createUnsubscribeToken } from './unsubscribe-token';

/** The outbox row + its delivery job (only with SMTP), as CTEs; email JSON at `$first`. */
function outboxCtes(first: number, deliver: boolean): Record<string, string> {
  const ctes: Record<string, string> = {
    email: `INSERT INTO emails (id, store_id, idempotency_key, customer_id, run_id, to_address, subject, body, text_body, kind, status)
      SELECT x.id, $1, $2 || ':' || $3, x.customer_id, $2::uuid, x.to_address, x.subject, x.body, x.text_body, x.kind, x.status
      FROM jsonb_to_record($${first}::jsonb) AS x(id uuid, customer_id bigint, to_address text, subject text, body text, text_body text, kind text, status text)
      WHERE EXISTS (SELECT 1 FROM ledger) RETURNING id`,
  };
  if (deliver) {
    ctes.job = `SELECT graphile_worker.add_job('deliver_email', json_build_object('id', e.id, 'attempt', 1),
      job_key := 'email:' || e.id || ':1', max_attempts := 5) FROM email e`;
  }
  return ctes;
}

/** Why an email is not sent to this customer, or null when it may be. */
function marketingBlock(ctx: ActionContext): string | null {
  if (!ctx.customer.email) return 'the customer has no email address';
  if (ctx.customer.acceptsMarketing !== true) return 'the customer does not accept marketing email';
  return null;
}

/**
 * `action.send_email` and `action.notify_team`. Templates render at action time; the rendered
 * message (and the coupon, if asked) is written to the outbox in one statement with the ledger
 * row. With SMTP a `deliver_email` job goes in that statement too; without, the row is `captured`.
 */
export function createMailActions(
  pool: pg.Pool,
  config: DeliveryConfig,
): Pick<ActionPorts, 'sendEmail' | 'notifyTeam'> {
  const status = config.smtpUrl ? 'pending' : 'captured';

  async function sendEmail(
    ctx: ActionContext,
    request: { subject: string; body: string; coupon?: CouponRequest },
  ) {
    const blocked = marketingBlock(ctx);
    if (blocked) return ledgeredFailure(pool, ctx, 'action.send_email', blocked, 'skipped');
    const store = await loadStoreSettings(pool, ctx.storeId);
    if (!store) throw new Error(`store ${ctx.storeId} is gone`);
    const token = createUnsubscribeToken(
      { storeId: ctx.storeId, customerId: ctx.customerId },
      store.signingSecret,
    );
    const unsubscribeUrl = `${config.publicUrl}/api/unsubscribe/${token}`;
    return withFreshCode(async () => {
      const coupon = request.coupon ? issueCoupon(request.coupon, new Date()) : null;
      const vars = templateVariables({
        customer: ctx.customer,
        event: ctx.event,
        store,
        coupon,
        unsubscribeUrl,
      });
      let rendered: Awaited<ReturnType<typeof renderEmail>>;
      try {
        rendered = await renderEmail(request, vars);
      } catch (error) {
        if (error instanceof TemplateError)
          return ledgeredFailure(pool, ctx, 'action.send_email', `template error: ${error.message}`);
        throw error;
      }
      if (!request.body.includes('unsubscribe_url')) {
        rendered.html += `\n<p style="font-size:12px;color:#666"><a href="${unsubscribeUrl}">Unsubscribe</a></p>`;
        rendered.text += `\n\nUnsubscribe: ${unsubscribeUrl}`;
      }
      const id = randomUUID();
      const email = {
        id,
        customer_id: ctx.customerId,
        to_address: ctx.customer.email,
        subject: rendered.subject,
        body: rendered.html,
        text_body: rendered.text,
        kind: 'marketing',
        status,
      };
      const output = {
        emailId: id,
        to: ctx.customer.email,
        subject: rendered.subject,
        status,
        couponCode: coupon?.code ?? null,
      };
      const ctes = coupon
        ? { coupon: insertCouponCte(7), ...outboxCtes(6, !!config.smtpUrl) }
        : outboxCtes(6, !!config.smtpUrl);
      const params: unknown[] = [JSON.stringify(email)];
      if (coupon) params.push(ctx.customerId, ctx.runId, couponParam(coupon));
      return ledgeredStatement(pool, ctx, 'action.send_email', output, ctes, params);
    });
  }

  async function notifyTeam(ctx: ActionContext, request: { subject: string; body: string }) {
    const store = await loadStoreSettings(pool, ctx.storeId);
    if (!store) throw new Error(`store ${ctx.storeId} is gone`);
    if (!store.teamEmail)
      return ledgeredFailure(
        pool,
        ctx,
        'action.notify_team',
        'the store has no team address (settings.teamEmail)',
        'skipped',
      );
    let rendered: Awaited<ReturnType<typeof renderEmail>>;
    try {
      rendered = await renderEmail(
        request,
        templateVariables({ customer: ctx.customer, event: ctx.event, store }),
      );
    } catch (error) {
      if (error instanceof TemplateError)
        return ledgeredFailure(pool, ctx, 'action.notify_team', `template error: ${error.message}`);
      throw error;
    }
    const id = randomUUID();
    const email = {
      id,
      customer_id: ctx.customerId,
      to_address: store.teamEmail,
      subject: rendered.subject,
      body: rendered.html,
      text_body: rendered.text,
      kind: 'team',
      status,
    };
    const output = { emailId: id, to: store.teamEmail, subject: rendered.subject, status };
    return ledgeredStatement(pool, ctx, 'action.notify_team', output, outboxCtes(6, !!config.smtpUrl), [
      JSON.stringify(email),
    ]);
  }

  return { sendEmail, notifyTeam };
}
