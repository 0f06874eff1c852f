import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { storesQueries } from './stores-queries';

const STORAGE_KEY = 'segflow.storeId';
const DEFAULT_STORE = 'demo';

interface CurrentStore {
  storeId: string;
  setStoreId: (id: string) => void;
}

const CurrentStoreContext = createContext<CurrentStore | null>(null);

function readStored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * Holds the store the user works in: the remembered choice when it still exists, else the first
 * store from `GET /api/stores`, else `demo` while the list loads.
 */
export function CurrentStoreProvider({ children }: { children: ReactNode }) {
  const [chosen, setChosen] = useState<string | null>(readStored);
  const stores = useQuery(storesQueries.list());
  const items = stores.data ?? [];
  const storeId =
    chosen && (items.length === 0 || items.some((s) => s.id === chosen))
      ? chosen
      : (items[0]?.id ?? DEFAULT_STORE);
  const setStoreId = useCallback((id: string) => {
    setChosen(id);
    try {
      window.localStorage.setItem(STORAGE_KEY, id);
    } catch {
      // private mode: the choice lasts for this tab only
    }
  }, []);
  const value = useMemo(() => ({ storeId, setStoreId }), [storeId, setStoreId]);
  return <CurrentStoreContext.Provider value={value}>{children}</CurrentStoreContext.Provider>;
}

/** The current store id and a setter; must be used under CurrentStoreProvider. */
export function useCurrentStore(): CurrentStore {
  const value = useContext(CurrentStoreContext);
  if (!value) throw new Error('useCurrentStore needs <CurrentStoreProvider>');
  return value;
}

/** Shorthand for the current store id. */
export function useStoreId(): string {
  return useCurrentStore().storeId;
}
