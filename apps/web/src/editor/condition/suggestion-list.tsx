import { type KeyboardEvent, useId, useState } from 'react';
import { formatApproximateCount, formatCount } from '../../shell/format';
import type { Suggestion } from './use-value-suggestions';

/** Suggestions whose label or value contains the typed text, minus the values already chosen. */
export function matchSuggestions(suggestions: Suggestion[], text: string, chosen: string[]): Suggestion[] {
  const wanted = text.trim().toLowerCase();
  return suggestions.filter(
    (s) =>
      !chosen.includes(s.value) &&
      (!wanted || s.label.toLowerCase().includes(wanted) || s.value.toLowerCase().includes(wanted)),
  );
}

/**
 * The state of a combobox's listbox (ARIA combobox pattern, focus stays in the input): open or not,
 * which option is active, the input's ARIA attributes, and its arrow / Enter / Escape keys.
 */
export function useListbox(options: Suggestion[], onPick: (s: Suggestion) => void) {
  const listId = useId();
  const [isOpen, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const isExpanded = isOpen && options.length > 0;
  const inputProps = {
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': isExpanded,
    'aria-controls': listId,
    'aria-activedescendant': isExpanded && active >= 0 ? `${listId}-${active}` : undefined,
  } as const;
  /** Handles the listbox keys; false when the key is the caller's (Enter with nothing active …). */
  const onKey = (e: KeyboardEvent<HTMLInputElement>): boolean => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.max(-1, Math.min(options.length - 1, i + step)));
      return true;
    }
    const picked = isExpanded && active >= 0 ? options[active] : undefined;
    if (e.key === 'Enter' && picked) {
      e.preventDefault();
      setActive(-1);
      onPick(picked);
      return true;
    }
    if (e.key === 'Escape' && isExpanded) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      return true;
    }
    return false;
  };
  return { listId, isExpanded, active, setOpen, resetActive: () => setActive(-1), inputProps, onKey };
}

/** "12 customers", or "≈ 12,300 customers" when the count is an estimate. */
function customersText(s: Suggestion & { count: number }): string {
  const n = s.isApproximate ? formatApproximateCount(s.count) : formatCount(s.count);
  return `${n} customer${s.count === 1 ? '' : 's'}`;
}

/** The listbox under a combobox: each option's label and how many customers have it. */
export function SuggestionList({
  id,
  label,
  options,
  active,
  isExpanded,
  onPick,
}: {
  id: string;
  label: string;
  options: Suggestion[];
  active: number;
  isExpanded: boolean;
  onPick: (s: Suggestion) => void;
}) {
  return (
    <div
      id={id}
      role="listbox"
      aria-label={`${label} suggestions`}
      className="combobox-list"
      hidden={!isExpanded}
    >
      {isExpanded &&
        options.map((s, i) => (
          <div
            key={s.value}
            id={`${id}-${i}`}
            tabIndex={-1}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'is-active' : undefined}
            // mousedown, not click: the input keeps focus, so its blur does not commit the typed text.
            onMouseDown={(e) => {
              e.preventDefault();
              onPick(s);
            }}
          >
            <span>{s.label}</span>
            {s.count !== undefined && (
              <span className="combobox-count">{customersText({ ...s, count: s.count })}</span>
            )}
          </div>
        ))}
    </div>
  );
}
