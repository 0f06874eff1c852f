import { randomBytes } from 'node:crypto';
import type pg from 'pg';

/** The store settings actions read (`stores.settings` jsonb; every key optional). */
export interface StoreSettings {
  id: string;
  name: string;
  currency: string;
  /** Where `action.notify_team` sends. */
  teamEmail: string | null;
  /** From address of the store's emails (else `MAIL_FROM` / a default). */
  fromEmail: string | null;
  /** Standard Webhooks secret, `whsec_<base64>`; generated on first use. */
  webhookSecret: string;
  /** Lets `action.http_request` reach private / loopback addresses (off by default: SSRF guard). */
  allowPrivateWebhookTargets: boolean;
  /** Key of the store's signed links (unsubscribe); generated on first use. */
  signingSecret: string;
}

const CACHE_MS = 5_000;
const cache = new Map<string, { at: number; value: Promise<StoreSettings | null> }>();

/** Reads a store's settings (cached 5 s), generating its secrets once (concurrent first uses agree). */
export function loadStoreSettings(pool: pg.Pool, storeId: string): Promise<StoreSettings | null> {
  const hit = cache.get(storeId);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = readSettings(pool, storeId);
  cache.set(storeId, { at: Date.now(), value });
  value.catch(() => cache.delete(storeId));
  return value;
}

/** Forgets cached settings (after a settings change, and in tests). */
export function forgetStoreSettings(storeId?: string): void {
  if (storeId) cache.delete(storeId);
  else cache.clear();
}

type SettingsRow = { name: string; currency: string; settings: Record<string, unknown> };

async function readSettings(pool: pg.Pool, storeId: string): Promise<StoreSettings | null> {
  let { rows } = await pool.query<SettingsRow>('SELECT name, currency, settings FROM stores WHERE id = $1', [
    storeId,
  ]);
  if (rows[0] && (!rows[0].settings.webhookSecret || !rows[0].settings.signingSecret)) {
    ({ rows } = await pool.query<SettingsRow>(
      `UPDATE stores SET settings = jsonb_build_object('webhookSecret', $2::text, 'signingSecret', $3::text) || settings
       WHERE id = $1 RETURNING name, currency, settings`,
      [storeId, `whsec_${randomBytes(24).toString('base64')}`, randomBytes(32).toString('base64url')],
    ));
  }
  const row = rows[0];
  if (!row) return null;
  const s = row.settings;
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
  return {
    id: storeId,
    name: row.name,
    currency: row.currency,
    teamEmail: str(s.teamEmail),
    fromEmail: str(s.fromEmail),
    webhookSecret: String(s.webhookSecret),
    allowPrivateWebhookTargets: s.allowPrivateWebhookTargets === true,
    signingSecret: String(s.signingSecret),
  };
}
