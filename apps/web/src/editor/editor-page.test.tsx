import { catalogPayload } from '@segflow/schema';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CurrentStoreProvider } from '../stores/current-store';
import EditorPage from './editor-page';

const workflow = {
  id: 'w1',
  name: 'VIP',
  revision: 2,
  active: false,
  publishedVersion: null,
  triggerTypes: ['trigger.order_created'],
  updatedAt: '2026-11-20T10:00:00Z',
  graph: {
    schemaVersion: 1,
    nodes: [
      { id: 't1', type: 'trigger.order_created', position: { x: 0, y: 0 }, config: { reentry: 'always' } },
      { id: 'c1', type: 'condition.if', position: { x: 0, y: 150 }, config: { condition: { all: [] } } },
      { id: 'a1', type: 'action.assign_group', position: { x: 0, y: 300 }, config: { group: '' } },
    ],
    edges: [
      { id: 'e1', source: 't1', target: 'c1' },
      { id: 'e2', source: 'c1', sourceHandle: 'true', target: 'a1' },
    ],
  },
};

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: URL | string) => {
      const path = new URL(String(input)).pathname;
      if (path === '/api/stores')
        return json({ items: [{ id: 'demo', name: 'Demo Store' }], nextCursor: null });
      if (path === '/api/catalog') return json(catalogPayload());
      if (path === '/api/stores/demo/workflows/w1') return json(workflow);
      return json({ error: { code: 'not_found', message: 'Not found' } }, 404);
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderEditor() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <CurrentStoreProvider>
        <EditorPage workflowId="w1" />
      </CurrentStoreProvider>
    </QueryClientProvider>,
  );
}

describe('editor page', () => {
  it('renders the palette, the nodes with their summaries and the validation issues', async () => {
    renderEditor();
    expect(await screen.findByTestId('palette-action.assign_group')).toBeTruthy();
    expect(await screen.findByTestId('node-a1')).toBeTruthy();
    expect(screen.getByTestId('node-a1').textContent).toContain('Choose a group');
    // The group is empty: the shared validator reports it and Publish stays disabled.
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Publish' }).hasAttribute('disabled')).toBe(true),
    );
    expect(screen.getByRole('switch', { name: 'Active' }).getAttribute('aria-checked')).toBe('false');
  });

  it('adds a node from the palette by click and can undo it', async () => {
    renderEditor();
    fireEvent.click(await screen.findByTestId('palette-action.add_tags'));
    await waitFor(() => expect(document.querySelectorAll('[data-testid^="node-"]').length).toBe(4));
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(document.querySelectorAll('[data-testid^="node-"]').length).toBe(3));
  });
});
