import { queryOptions } from '@tanstack/react-query';
import { api, type Page } from '../api/client';

/** A customer as the API returns it in lists and profiles. */
export interface Customer {
  id: string | number;
  externalId: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  phone: string | null;
  gender: string | null;
  birthDate: string | null;
  country: string | null;
  state: string | null;
  city: string | null;
  zip: string | null;
  acceptsMarketing: boolean | null;
  group: string | null;
  tags: string[] | null;
  attributes: Record<string, unknown> | null;
  createdAt: string | null;
  stats: {
    lifetimeSpend: number;
    orderCount: number;
    averageOrderValue: number;
    firstOrderAt: string | null;
    lastOrderAt: string | null;
  };
}

/** A recent order on a customer profile. */
export interface CustomerOrder {
  id: string | number;
  externalId: string | null;
  total: number;
  status: string | null;
  channel: string | null;
  createdAt: string;
}

/** A profile: the customer plus recent orders. */
export interface CustomerProfile extends Customer {
  recentOrders?: CustomerOrder[];
}

const base = (storeId: string) => `/stores/${encodeURIComponent(storeId)}/customers`;

/** Query keys and options for customers, scoped by store. */
export const customersQueries = {
  all: (storeId: string) => ['stores', storeId, 'customers'] as const,
  search: (storeId: string, q: string, cursor?: string) =>
    queryOptions({
      queryKey: [...customersQueries.all(storeId), 'search', q, cursor ?? null],
      queryFn: ({ signal }) =>
        api.get<Page<Customer>>(base(storeId), { query: { q, limit: 50, cursor }, signal }),
      placeholderData: (previous) => previous,
    }),
  detail: (storeId: string, id: string) =>
    queryOptions({
      queryKey: [...customersQueries.all(storeId), 'detail', id],
      queryFn: () => api.get<CustomerProfile>(`${base(storeId)}/${encodeURIComponent(id)}`),
    }),
};

/** "Ana Diaz", falling back to the email, then the id. */
export function customerName(c: Pick<Customer, 'firstName' | 'lastName' | 'email' | 'id'>): string {
  const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
  return name || c.email || `Customer ${c.id}`;
}
