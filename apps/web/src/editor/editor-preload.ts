import { type QueryClient, usePrefetchQuery } from '@tanstack/react-query';
import { catalogQueries } from '../catalog/catalog-queries';
import { lazyPage } from '../shell/lazy-page';
import { workflowsQueries } from '../workflows/workflows-queries';

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
