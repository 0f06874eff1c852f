import { useState } from 'react';
import { useCanvasStore } from './canvas-store';

/** Shown after a stale save (409): local changes are kept; the user reloads or overwrites. */
export function ConflictBanner({
  onReload,
  onOverwrite,
}: {
  onReload: () => Promise<unknown>;
  onOverwrite: () => Promise<unknown>;
}) {
  const conflict = useCanvasStore((s) => s.conflict);
  const [busy, setBusy] = useState(false);
  if (!conflict) return null;
  const run = (action: () => Promise<unknown>) => async () => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="banner banner-warn" role="alert">
      <div>
        <strong>Someone else saved this workflow.</strong> Your changes are still here and have not been
        saved.
      </div>
      <div className="banner-actions">
        <button type="button" className="btn" disabled={busy} onClick={run(onReload)}>
          Reload their version
        </button>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={run(onOverwrite)}>
          Overwrite with mine
        </button>
      </div>
    </div>
  );
}
