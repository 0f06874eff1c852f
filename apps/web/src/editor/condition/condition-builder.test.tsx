import { catalogPayload } from '@segflow/schema';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { normalizeCatalog } from '../../catalog/catalog-model';
import { CurrentStoreProvider } from '../../stores/current-store';
import type { Condition } from '../../workflows/graph';
import { ConditionBuilder } from './condition-builder';

const catalog = normalizeCatalog(catalogPayload());
// The value pickers ask the store for suggestions: this store has none, so pickers fall back to the catalog's.
beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify({ items: [] }), { status: 200 })),
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

function optionValues(select: HTMLElement): string[] {
  return [...(select as HTMLSelectElement).options].map((o) => o.value);
}

describe('condition builder', () => {
  it('adds a rule, offers only the operators of the field, and stores dollars as cents', () => {
    let last: Condition = { all: [] };
    render(<Harness initial={{ all: [] }} onChange={(c) => (last = c)} />);
    fireEvent.click(screen.getByRole('button', { name: '+ Add rule' }));
    fireEvent.change(screen.getByLabelText('Field'), { target: { value: 'customer.lifetimeSpend' } });
    const operators = optionValues(screen.getByLabelText('Operator'));
    expect(operators).toContain('gt');
    expect(operators).not.toContain('contains');
    fireEvent.change(screen.getByLabelText('Operator'), { target: { value: 'gt' } });
    fireEvent.change(screen.getByLabelText('Value'), { target: { value: '5000' } });
    expect(last).toEqual({ all: [{ field: 'customer.lifetimeSpend', op: 'gt', value: 500000 }] });
  });

  it('switches operators to the new field type when the field changes', () => {
    let last: Condition = { all: [] };
    render(
      <Harness
        initial={{ all: [{ field: 'customer.lifetimeSpend', op: 'gt', value: 500000 }] }}
        onChange={(c) => (last = c)}
      />,
    );
    fireEvent.change(screen.getByLabelText('Field'), { target: { value: 'customer.tags' } });
    const leaf = (last as { all: Array<{ op: string; value: unknown }> }).all[0]!;
    expect(['contains_any', 'contains_all', 'contains_none']).toContain(leaf.op);
    expect(leaf.value).toEqual([]);
  });

  it('nests an any-group and can negate it', () => {
    let last: Condition = { all: [] };
    render(<Harness initial={{ all: [] }} onChange={(c) => (last = c)} />);
    fireEvent.click(screen.getByRole('button', { name: '+ Add group' }));
    expect(last).toMatchObject({ all: [{ any: [{ field: 'customer.lifetimeSpend' }] }] });
    fireEvent.click(screen.getByRole('button', { name: 'Negate' }));
    expect(last).toMatchObject({ all: [{ not: { any: [{ field: 'customer.lifetimeSpend' }] } }] });
  });

  it('groups the field picker by segmentation family', () => {
    render(
      <Harness initial={{ all: [{ field: 'customer.state', op: 'eq', value: 'TX' }] }} onChange={() => {}} />,
    );
    const groups = [...screen.getByLabelText('Field').querySelectorAll('optgroup')].map((g) => g.label);
    expect(groups).toEqual(expect.arrayContaining(['Demographic', 'Location', 'Behaviour']));
  });

  it('picks states by name and stores their codes as chips', () => {
    let last: Condition = { all: [] };
    render(
      <Harness
        initial={{ all: [{ field: 'customer.state', op: 'in', value: [] }] }}
        onChange={(c) => (last = c)}
      />,
    );
    const input = screen.getByLabelText('Value');
    fireEvent.change(input, { target: { value: 'texas' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.change(input, { target: { value: 'CA' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(last).toEqual({ all: [{ field: 'customer.state', op: 'in', value: ['TX', 'CA'] }] });
    fireEvent.click(screen.getByRole('button', { name: 'Remove Texas (TX)' }));
    expect(last).toEqual({ all: [{ field: 'customer.state', op: 'in', value: ['CA'] }] });
  });
});
