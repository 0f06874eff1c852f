import { SHORTCUTS } from '../use-shortcuts';

/** The keyboard shortcuts, as a side panel. */
export function ShortcutsPanel({ onClose }: { onClose: () => void }) {
  return (
    <aside className="inspector" aria-label="Keyboard shortcuts">
      <div className="inspector-body">
        <header className="panel-head">
          <h2>Keyboard shortcuts</h2>
          <button type="button" className="icon-btn" aria-label="Close shortcuts" onClick={onClose}>
            ×
          </button>
        </header>
        <dl className="shortcuts">
          {SHORTCUTS.map((s) => (
            <div key={s.action}>
              <dt>
                <kbd>{s.keys}</kbd>
              </dt>
              <dd>{s.action}</dd>
            </div>
          ))}
        </dl>
      </div>
    </aside>
  );
}
