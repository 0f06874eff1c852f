import { type QueryClient, usePrefetchQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { catalogQueries } from '../catalog/catalog-queries';
import { lazyPage } from '../shell/lazy-page';
import { workflowsQueries } from '../workflows/workflows-queries';
import { whenIdle } from './when-idle';

/** The editor route's page, in its own chunk. */
export const EditorPage = lazyPage(() => import('./editor-page'));

/**
 * Starts everything opening a workflow needs, in parallel: the editor chunk, the workflow and the
 * catalog, so the requests do not wait for the chunk to load and the editor to mount. For a link
 * that is about to be followed (hovered, pressed, focused). Cheap to repeat: the chunk loads once
 * and cached queries are not fetched again.
 */
export function preloadEditor(client: QueryClient, storeId: string, workflowId: string): void {
  void EditorPage.preload().catch(() => {});
  void client.prefetchQuery(workflowsQueries.detail(storeId, workflowId));
  void client.prefetchQuery(catalogQueries.catalog());
}

/** The route's side of `preloadEditor`: as the route matches, its queries start beside the chunk. */
export function useEditorPrefetch(storeId: string, workflowId: string): void {
  usePrefetchQuery(workflowsQueries.detail(storeId, workflowId));
  usePrefetchQuery(catalogQueries.catalog());
}

/**
 * For a page listing workflows: once the browser is idle there, loads the editor's code (the
 * largest chunk, ~110 KB gzip, whose parsing alone took ~170 ms on the bench machine), so opening
 * a workflow waits only for its data. Nothing is fetched per workflow; that starts on intent.
 */
export function usePreloadEditorWhenIdle(): void {
  useEffect(() => whenIdle(() => void EditorPage.preload().catch(() => {}), 2000), []);
}
