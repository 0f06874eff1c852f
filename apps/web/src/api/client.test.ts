import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError } from './client';

afterEach(() => vi.unstubAllGlobals());

function respond(status: number, body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status })),
  );
}

describe('api client', () => {
  it('returns the JSON body of a success', async () => {
    respond(200, { items: [{ id: 'demo' }], nextCursor: null });
    await expect(api.get('/stores')).resolves.toEqual({ items: [{ id: 'demo' }], nextCursor: null });
  });

  it('turns an error envelope into a typed ApiError with status, code and issues', async () => {
    respond(409, { error: { code: 'stale_revision', message: 'Someone saved first' } });
    const error = await api.put('/stores/demo/workflows/w1', { revision: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'stale_revision', message: 'Someone saved first' });

    respond(422, {
      error: { code: 'invalid_graph', message: 'Invalid' },
      issues: [{ code: 'no_trigger', message: 'x' }],
    });
    const invalid = (await api
      .post('/stores/demo/workflows/w1/publish')
      .catch((e: unknown) => e)) as ApiError;
    expect(invalid.issues).toEqual([{ code: 'no_trigger', message: 'x' }]);
  });

  it('reports an unreachable server as a network error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('fetch failed'))),
    );
    await expect(api.get('/health')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('answers undefined for 204', async () => {
    respond(204, undefined);
    await expect(api.delete('/stores/demo/workflows/w1')).resolves.toBeUndefined();
  });
});
