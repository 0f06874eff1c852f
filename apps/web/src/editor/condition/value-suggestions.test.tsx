import { catalogPayload } from '@segflow/schema';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { normalizeCatalog } from '../../catalog/catalog-model';
import { CurrentStoreProvider } from '../../stores/current-store';
import type { Condition } from '../../workflows/graph';
import { ConditionBuilder } from './condition-builder';

const catalog = normalizeCatalog(catalogPayload());

/** The demo store's data as `GET …/field-values` answers it (filtered by q like the API). */
const storeValues: Record<string, Array<{ value: string; count: number; approximate?: boolean }>> = {
  'customer.city': [
    { value: 'Austin', count: 12 },
    { value: 'Dallas', count: 7 },
    { value: 'Boston', count: 3 },
  ],
  'customer.state': [
    { value: 'TX', count: 19 },
    { value: 'CA', count: 4 },
  ],
  // A large store: sampled counts.
  'customer.company': [
    { value: 'Acme', count: 12_345, approximate: true },
    { value: 'Initech', count: 1, approximate: true },
  ],
};
const calls: URL[] = [];

beforeEach(() => {
  calls.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: URL | string) => {
      const url = new URL(String(input));
      const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
      if (url.pathname === '/api/stores') return json({ items: [{ id: 'demo', name: 'Demo Store' }] });
      if (url.pathname === '/api/stores/demo/field-values') {
        calls.push(url);
        const field = url.searchParams.get('field') ?? '';
        const q = (url.searchParams.get('q') ?? '').toLowerCase();
        const values = (storeValues[field] ?? []).filter((v) => v.value.toLowerCase().includes(q));
        return json({ field, values });
      }
      return new Response('{"error":{"code":"not_found","message":"no"}}', { status: 404 });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function Harness({ initial, onChange }: { initial: Condition; onChange: (c: Condition) => void }) {
  const [value, setValue] = useState(initial);
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }));
  return (
    <QueryClientProvider client={client}>
      <CurrentStoreProvider>
        <ConditionBuilder
          catalog={catalog}
          value={value}
          onChange={(next) => {
            setValue(next);
            onChange(next);
          }}
        />
      </CurrentStoreProvider>
    </QueryClientProvider>
  );
}

const leafValue = (c: Condition) => (c as { all: Array<{ value: unknown }> }).all[0]?.value;
const optionNames = () =>
  [...document.querySelectorAll('[role="listbox"] [role="option"]')].map((o) => o.textContent);

describe('value suggestions from the store’s data', () => {
  it('offers the values present in the store with customer counts, fetched once for the typed text', async () => {
    render(
      <Harness initial={{ all: [{ field: 'customer.city', op: 'in', value: [] }] }} onChange={() => {}} />,
    );
    const input = screen.getByRole('combobox', { name: 'Value' });
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'a' } });
    fireEvent.change(input, { target: { value: 'as' } });
    await waitFor(() => expect(calls.at(-1)?.searchParams.get('q')).toBe('as'));
    await waitFor(() => expect(optionNames()).toEqual(['Dallas7 customers']));
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(calls.map((u) => u.searchParams.get('q'))).not.toContain('a');
    expect(calls.at(-1)?.searchParams.get('field')).toBe('customer.city');
  });

  it('shows estimated counts as "≈ 12,300" and exact ones as they are', async () => {
    render(
      <Harness initial={{ all: [{ field: 'customer.company', op: 'in', value: [] }] }} onChange={() => {}} />,
    );
    fireEvent.focus(screen.getByRole('combobox', { name: 'Value' }));
    await waitFor(() => expect(optionNames()).toEqual(['Acme≈ 12,300 customers', 'Initech≈ 1 customer']));
    cleanup();
    render(
      <Harness initial={{ all: [{ field: 'customer.city', op: 'in', value: [] }] }} onChange={() => {}} />,
    );
    fireEvent.focus(screen.getByRole('combobox', { name: 'Value' }));
    await waitFor(() => expect(optionNames()).toContain('Boston3 customers'));
  });

  it('picks a suggestion with the arrow keys and Enter, and still takes free text', async () => {
    let last: Condition = { all: [] };
    render(
      <Harness
        initial={{ all: [{ field: 'customer.city', op: 'in', value: [] }] }}
        onChange={(c) => (last = c)}
      />,
    );
    const input = screen.getByRole('combobox', { name: 'Value' });
    fireEvent.focus(input);
    await waitFor(() => expect(optionNames()).toHaveLength(3));
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    const active = within(screen.getByRole('listbox')).getByRole('option', { selected: true });
    expect(active.textContent).toContain('Dallas');
    expect(input.getAttribute('aria-activedescendant')).toBe(active.id);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(leafValue(last)).toEqual(['Dallas']);
    fireEvent.change(input, { target: { value: 'Nowhere' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(leafValue(last)).toEqual(['Dallas', 'Nowhere']);
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('names state codes, puts the store’s states first and matches names locally', async () => {
    let last: Condition = { all: [] };
    render(
      <Harness
        initial={{ all: [{ field: 'customer.state', op: 'in', value: [] }] }}
        onChange={(c) => (last = c)}
      />,
    );
    const input = screen.getByRole('combobox', { name: 'Value' });
    fireEvent.focus(input);
    await waitFor(() =>
      expect(optionNames().slice(0, 2)).toEqual(['Texas (TX)19 customers', 'California (CA)4 customers']),
    );
    expect(optionNames()).toContain('Alabama (AL)');
    fireEvent.change(input, { target: { value: 'tex' } });
    const list = screen.getByRole('listbox', { name: 'Value suggestions' });
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Texas (TX)19 customers']);
    fireEvent.mouseDown(within(list).getByRole('option'));
    expect(leafValue(last)).toEqual(['TX']);
    expect(screen.getByRole('button', { name: 'Remove Texas (TX)' })).toBeTruthy();
    await new Promise((r) => setTimeout(r, 250));
    expect(calls.every((u) => !u.searchParams.get('q'))).toBe(true);
  });
});

describe('one-value suggestions from the store’s data', () => {
  it('suggests purchased categories for "has purchased" and keeps free text', async () => {
    storeValues['purchase.category'] = [
      { value: 'Phones', count: 40 },
      { value: 'Laptops', count: 9 },
    ];
    let last: Condition = { all: [] };
    render(
      <Harness
        initial={{ all: [{ field: 'purchase.category', op: 'has_purchased', value: '' }] }}
        onChange={(c) => (last = c)}
      />,
    );
    const input = screen.getByRole('combobox', { name: 'Value' });
    fireEvent.focus(input);
    await waitFor(() => expect(optionNames()).toEqual(['Phones40 customers', 'Laptops9 customers']));
    fireEvent.change(input, { target: { value: 'lap' } });
    expect(leafValue(last)).toBe('lap');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(leafValue(last)).toBe('Laptops');
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });
});

describe('custom attribute suggestions', () => {
  it('suggests the attribute keys customers carry, then that attribute’s values', async () => {
    storeValues['customer.attributes'] = [{ value: 'income', count: 30 }];
    storeValues['customer.attributes.income'] = [{ value: '75-100k', count: 12 }];
    let last: Condition = { all: [] };
    render(
      <Harness
        initial={{ all: [{ field: 'customer.attributes.', op: 'eq', value: '' }] }}
        onChange={(c) => (last = c)}
      />,
    );
    const key = screen.getByRole('combobox', { name: 'Attribute key' });
    fireEvent.focus(key);
    await waitFor(() => expect(optionNames()).toEqual(['income30 customers']));
    fireEvent.mouseDown(within(screen.getByRole('listbox')).getByRole('option'));
    expect((last as { all: Array<{ field: string }> }).all[0]?.field).toBe('customer.attributes.income');
    const value = screen.getByRole('combobox', { name: 'Value' });
    fireEvent.focus(value);
    await waitFor(() => expect(optionNames()).toEqual(['75-100k12 customers']));
  });
});
