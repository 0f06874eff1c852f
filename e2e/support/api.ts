import type { APIRequestContext } from '@playwright/test';

/** The demo store every journey works in (seeded on first start). */
export const storeId = 'demo';

/** Posts canonical store events through the public API, as a store connector would. */
export async function postEvents(request: APIRequestContext, events: unknown[]) {
  const response = await request.post(`/api/stores/${storeId}/events`, { data: { events } });
  if (response.status() !== 202)
    throw new Error(`events rejected: ${response.status()} ${await response.text()}`);
  return response.json();
}
