import { matchSuggestions, SuggestionList, useListbox } from './suggestion-list';
import type { Suggestion } from './use-value-suggestions';

/**
 * A one-value combobox: free text, with a listbox of suggestions from the store's data (a city, a
 * SKU, a category) under it. Picking one sets it; typing sets what was typed.
 */
export function SuggestInput({
  label,
  value,
  onChange,
  suggestions,
  isLoading = false,
  placeholder,
  className,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  suggestions: Suggestion[];
  isLoading?: boolean;
  placeholder?: string;
  className?: string;
}) {
  const matching = matchSuggestions(suggestions, value, []);
  // The value itself chosen: nothing left to suggest.
  const options = matching.length === 1 && matching[0]?.value === value ? [] : matching.slice(0, 50);
  const pick = (s: Suggestion) => {
    onChange(s.value);
    listbox.setOpen(false);
  };
  const listbox = useListbox(options, pick);
  return (
    <span className={`combobox suggest-input ${className ?? ''}`}>
      <input
        aria-label={label}
        type="text"
        {...listbox.inputProps}
        aria-busy={isLoading}
        value={value}
        placeholder={placeholder}
        onChange={(e) => {
          listbox.setOpen(true);
          listbox.resetActive();
          onChange(e.target.value);
        }}
        onFocus={() => listbox.setOpen(true)}
        onKeyDown={(e) => listbox.onKey(e)}
        onBlur={() => listbox.setOpen(false)}
      />
      <SuggestionList
        id={listbox.listId}
        label={label}
        options={options}
        active={listbox.active}
        isExpanded={listbox.isExpanded}
        onPick={pick}
      />
    </span>
  );
}
