import { useEffect } from 'react';
import { useCanvasStoreApi } from './canvas-store';

/** The editor's keyboard shortcuts, listed in the help panel. */
export const SHORTCUTS: Array<{ keys: string; action: string }> = [
  { keys: '⌘/Ctrl Z', action: 'Undo' },
  { keys: '⌘/Ctrl ⇧ Z  ·  Ctrl Y', action: 'Redo' },
  { keys: '⌘/Ctrl C', action: 'Copy selected nodes' },
  { keys: '⌘/Ctrl V', action: 'Paste' },
  { keys: '⌘/Ctrl D', action: 'Duplicate selected nodes' },
  { keys: '⌘/Ctrl S', action: 'Save now' },
  { keys: '⌘/Ctrl A', action: 'Select all nodes' },
  { keys: 'Delete · Backspace', action: 'Delete the selection' },
  { keys: '⌘/Ctrl + click', action: 'Add a node to the selection' },
  { keys: '⇧ + drag on the canvas', action: 'Select the nodes in a box' },
  { keys: '?', action: 'Show this help' },
];

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** Binds undo/redo, copy/paste, duplicate, select-all, save and help to the window. */
export function useShortcuts(handlers: { save: () => void; toggleHelp: () => void }) {
  const store = useCanvasStoreApi();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.metaKey || e.ctrlKey;
      const key = e.key.toLowerCase();
      if (mod && key === 's') {
        e.preventDefault();
        handlers.save();
        return;
      }
      if (isTyping(e.target)) return;
      const s = store.getState();
      if (mod && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) s.redo();
        else s.undo();
      } else if (mod && key === 'y') {
        e.preventDefault();
        s.redo();
      } else if (mod && key === 'c') {
        s.copySelection();
      } else if (mod && key === 'v') {
        e.preventDefault();
        s.paste();
      } else if (mod && key === 'd') {
        e.preventDefault();
        s.duplicateSelection();
      } else if (mod && key === 'a') {
        e.preventDefault();
        s.selectOnly(s.nodes.map((n) => n.id));
      } else if (e.key === '?') {
        handlers.toggleHelp();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, handlers]);
}
