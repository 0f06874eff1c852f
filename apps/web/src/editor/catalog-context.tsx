import { createContext, useContext } from 'react';
import type { Catalog } from '../catalog/catalog-model';

/** The loaded catalog for everything inside one editor (cards, palette, inspector). */
export const EditorCatalogContext = createContext<Catalog | null>(null);

/** The editor's catalog; the editor renders only once it is loaded. */
export function useEditorCatalog(): Catalog {
  const catalog = useContext(EditorCatalogContext);
  if (!catalog) throw new Error('useEditorCatalog needs EditorCatalogContext');
  return catalog;
}
