import { randomBytes } from 'node:crypto';
import type { CouponRequest } from '@segflow/engine';

/** 32 symbols without look-alikes (no 0/O, 1/I): a byte's low 5 bits pick one without bias. */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const LENGTH = 12; // 60 random bits: unguessable, and collisions are handled by the unique index anyway

/** A fresh unguessable code, `PREFIX-XXXXXXXXXXXX` (crypto random; the prefix is optional). */
export function generateCouponCode(prefix?: string): string {
  const bytes = randomBytes(LENGTH);
  let code = '';
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return prefix ? `${prefix}-${code}` : code;
}

/** A coupon as templates and outputs see it. */
export interface IssuedCoupon {
  code: string;
  percentOff: number | null;
  amountOff: number | null;
  expiresAt: string;
}

/** Issues (in memory) the coupon a request asks for; the caller inserts it with its ledger row. */
export function issueCoupon(request: CouponRequest, now: Date): IssuedCoupon {
  return {
    code: generateCouponCode(request.prefix),
    percentOff: request.percentOff ?? null,
    amountOff: request.amountOff ?? null,
    expiresAt: new Date(now.getTime() + request.expiresInDays * 86_400_000).toISOString(),
  };
}

/**
 * The CTE that inserts an issued coupon, gated on the ledger. Its parameters start at `$first`:
 * customer id, run id, then the coupon JSON of {@link couponParam}.
 */
export function insertCouponCte(first: number): string {
  return `INSERT INTO coupons (store_id, code, percent_off, amount_off, customer_id, run_id, expires_at)
  SELECT $1, x.code, x.percent_off, x.amount_off, $${first}::bigint, $${first + 1}::uuid, x.expires_at
  FROM jsonb_to_record($${first + 2}::jsonb) AS x(code text, percent_off int, amount_off bigint, expires_at timestamptz)
  WHERE EXISTS (SELECT 1 FROM ledger) RETURNING id`;
}

/** The coupon JSON parameter of {@link insertCouponCte}. */
export function couponParam(coupon: IssuedCoupon): string {
  return JSON.stringify({
    code: coupon.code,
    percent_off: coupon.percentOff,
    amount_off: coupon.amountOff,
    expires_at: coupon.expiresAt,
  });
}

/** True for the unique violation of a coupon code: issue a new code and try again. */
export function isCodeCollision(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === 'coupons_store_code_key';
}

/** Runs `attempt` with fresh codes until no code collides (3 tries; 60-bit codes practically never do). */
export async function withFreshCode<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isCodeCollision(error) || i >= 2) throw error;
    }
  }
}
