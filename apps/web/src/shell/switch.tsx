/** An accessible on/off switch (`role="switch"`, labelled by `label`). */
export function Switch({
  label,
  checked,
  onChange,
  disabled,
  title,
  showText = false,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  title?: string | undefined;
  showText?: boolean;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      title={title}
      disabled={disabled}
      className="switch"
      onClick={() => onChange(!checked)}
    >
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
      {showText && <span className="switch-text">{checked ? 'On' : 'Off'}</span>}
    </button>
  );
}
