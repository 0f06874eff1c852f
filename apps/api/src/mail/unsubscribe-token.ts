import { createHmac, timingSafeEqual } from 'node:crypto';

/** The signed part of an unsubscribe link: which customer of which store. */
export interface UnsubscribeClaim {
  storeId: string;
  customerId: string;
}

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** `<base64url(store:customer)>.<HMAC>`: unforgeable without the store's signing secret. */
export function createUnsubscribeToken(claim: UnsubscribeClaim, secret: string): string {
  const payload = Buffer.from(`${claim.storeId}:${claim.customerId}`).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** Reads the claim without checking it (to find the store whose secret verifies it). */
export function readUnsubscribeToken(token: string): UnsubscribeClaim | null {
  const [payload] = token.split('.');
  if (!payload) return null;
  const text = Buffer.from(payload, 'base64url').toString();
  const at = text.lastIndexOf(':');
  if (at <= 0 || !/^\d+$/.test(text.slice(at + 1))) return null;
  return { storeId: text.slice(0, at), customerId: text.slice(at + 1) };
}

/** True when the token was signed with `secret` (constant-time comparison). */
export function verifyUnsubscribeToken(token: string, secret: string): boolean {
  const [payload, signature] = token.split('.');
  if (!payload || !signature) return false;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
