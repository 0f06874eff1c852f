import { type ComponentType, useEffect, useState } from 'react';
import { Loading } from './states';

/** A route page in its own chunk that can be fetched ahead of navigation (on hover, on press). */
export type LazyPage<P extends object> = ComponentType<P> & { preload: () => Promise<void> };

/**
 * Like `React.lazy`, without Suspense: until its chunk is in, the page renders a loading state and
 * swaps in the real page as soon as it arrives. React throttles the reveal of suspended content to
 * 300 ms after a fallback appeared, which delayed opening the editor (and its data requests) by
 * ~250 ms after a click; this renders the page the moment it can. Once loaded, it renders at once.
 */
export function lazyPage<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): LazyPage<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<void> | null = null;
  const preload = () => {
    pending ??= load().then(
      (module) => {
        loaded = module.default;
      },
      (error: unknown) => {
        pending = null;
        throw error;
      },
    );
    return pending;
  };
  // biome-ignore lint/correctness/noComponentHookFactories: built once per page at module load, as React.lazy is.
  function Page(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [error, setError] = useState<unknown>(null);
    useEffect(() => {
      if (Component) return;
      let live = true;
      preload().then(
        () => live && setComponent(() => loaded),
        (e: unknown) => live && setError(e),
      );
      return () => {
        live = false;
      };
    }, [Component]);
    if (error) throw error;
    return Component ? <Component {...props} /> : <Loading label="Loading page" />;
  }
  return Object.assign(Page, { preload });
}
