import { randomUUID } from 'node:crypto';
import type { ActionContext, ActionPorts } from '@segflow/engine';
import type pg from 'pg';
import { ledgeredFailure, ledgeredStatement } from '../adapters/ledgered-statement';
import { loadStoreSettings } from '../adapters/store-settings';
import { renderTemplate, TemplateError } from '../mail/templates';
import { templateVariables } from '../mail/template-variables';
import { checkWebhookUrl } from './ssrf-guard';

const SINGLE_VARIABLE = /^\s*\{\{\s*([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\s*\}\}\s*$/;

/** The value at a dotted path of the template variables (own properties only), or undefined. */
function lookup(vars: Record<string, unknown>, path: string): unknown {
  let node: unknown = vars;
  for (const key of path.split('.')) {
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * Renders every string inside a JSON value as a Liquid template (keys stay as they are). A string
 * that is exactly one variable (`"{{ order.total }}"`) keeps the variable's JSON type.
 */
async function renderJson(value: unknown, vars: Record<string, unknown>, path: string): Promise<unknown> {
  if (typeof value === 'string') {
    const single = SINGLE_VARIABLE.exec(value);
    const found = single ? lookup(vars, single[1]!) : undefined;
    if (found !== undefined) return found instanceof Date ? found.toISOString() : found;
    return value.includes('{') ? renderTemplate(value, vars, path) : value;
  }
  if (Array.isArray(value)) return Promise.all(value.map((v, i) => renderJson(v, vars, `${path}[${i}]`)));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await renderJson(v, vars, `${path}.${k}`);
    return out;
  }
  return value;
}

/** The default payload when the node sets no body: the event and the customer. */
function defaultBody(ctx: ActionContext): unknown {
  return { type: 'segflow.workflow.action', event: ctx.event, customer: ctx.customer, runId: ctx.runId };
}

/**
 * `action.http_request`: checks the URL (SSRF guard), renders the JSON body, and writes a
 * `webhook_deliveries` row + its `deliver_webhook` job in one statement with the ledger row.
 * A refused URL or a bad template is a recorded failure, never a crash.
 */
export function createWebhookActions(pool: pg.Pool): Pick<ActionPorts, 'httpRequest'> {
  return {
    async httpRequest(ctx, request) {
      const store = await loadStoreSettings(pool, ctx.storeId);
      if (!store) throw new Error(`store ${ctx.storeId} is gone`);
      const verdict = await checkWebhookUrl(request.url, store.allowPrivateWebhookTargets);
      if (!verdict.ok) return ledgeredFailure(pool, ctx, 'action.http_request', verdict.reason);
      let body: string;
      try {
        const vars = templateVariables({ customer: ctx.customer, event: ctx.event, store });
        const rendered =
          request.body === undefined ? defaultBody(ctx) : await renderJson(request.body, vars, 'body');
        body = JSON.stringify(rendered);
      } catch (error) {
        if (error instanceof TemplateError)
          return ledgeredFailure(pool, ctx, 'action.http_request', `template error: ${error.message}`);
        throw error;
      }
      const id = randomUUID();
      return ledgeredStatement(
        pool,
        ctx,
        'action.http_request',
        { deliveryId: id, url: verdict.url.toString() },
        {
          delivery: `INSERT INTO webhook_deliveries (id, store_id, idempotency_key, run_id, customer_id, url, body)
            SELECT $6::uuid, $1, $2 || ':' || $3, $2::uuid, $7::bigint, $8, $9 WHERE EXISTS (SELECT 1 FROM ledger) RETURNING id`,
          job: `SELECT graphile_worker.add_job('deliver_webhook', json_build_object('id', d.id, 'attempt', 1),
            job_key := 'webhook:' || d.id || ':1', max_attempts := 5) FROM delivery d`,
        },
        [id, ctx.customerId, verdict.url.toString(), body],
      );
    },
  };
}
