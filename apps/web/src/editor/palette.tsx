import { type DragEvent, useMemo, useState } from 'react';
import { NODE_KINDS, type NodeKind, type NodeTypeInfo } from '../catalog/catalog-model';
import { useEditorCatalog } from './catalog-context';
import { definitionFor } from './nodes/registry';
import { DND_MIME, useAddNode } from './use-add-node';

const KIND_TITLES: Record<NodeKind, string> = {
  trigger: 'Triggers',
  condition: 'Conditions',
  action: 'Actions',
};

/** Filters node types by a search text over label, description and type id. */
export function filterNodeTypes(types: readonly NodeTypeInfo[], query: string): NodeTypeInfo[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...types];
  return types.filter((t) => `${t.label} ${t.description} ${t.type}`.toLowerCase().includes(q));
}

/**
 * The node palette from the catalog: grouped by kind, searchable. Items drag onto the canvas
 * (HTML5 DnD with the type in `dataTransfer`) or add on click.
 */
export function Palette() {
  const catalog = useEditorCatalog();
  const [query, setQuery] = useState('');
  const { addNext } = useAddNode();
  const groups = useMemo(() => {
    const visible = filterNodeTypes(catalog.nodeTypes, query);
    return NODE_KINDS.map((kind) => [kind, visible.filter((t) => t.kind === kind)] as const).filter(
      ([, list]) => list.length > 0,
    );
  }, [catalog, query]);

  const onDragStart = (e: DragEvent, type: string) => {
    e.dataTransfer.setData(DND_MIME, type);
    e.dataTransfer.setData('text/plain', type);
    e.dataTransfer.effectAllowed = 'move';
  };

  return (
    <aside className="palette" aria-label="Node palette">
      <input
        type="search"
        className="palette-search"
        aria-label="Search nodes"
        placeholder="Search nodes…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {groups.length === 0 && <p className="muted small palette-empty">No node matches “{query}”.</p>}
      {groups.map(([kind, types]) => (
        <section key={kind} className="palette-group">
          <h2 className="palette-title">{KIND_TITLES[kind]}</h2>
          <ul>
            {types.map((t) => (
              <li key={t.type}>
                <button
                  type="button"
                  className={`palette-item kind-${kind}`}
                  data-testid={`palette-${t.type}`}
                  draggable
                  onDragStart={(e) => onDragStart(e, t.type)}
                  onClick={() => addNext(t.type)}
                  title={
                    t.description
                      ? `${t.description}. Drag onto the canvas or click to add.`
                      : 'Drag onto the canvas or click to add.'
                  }
                >
                  <span className="palette-icon" aria-hidden="true">
                    {definitionFor(t.type).icon}
                  </span>
                  <span className="palette-label">{t.label}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}
