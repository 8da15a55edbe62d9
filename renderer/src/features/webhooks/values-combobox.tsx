/**
 * A filter's values as chips, with a combobox to add more: type freely (Enter or a comma adds the value) or
 * pick one of the values found in the sample library. Follows the WAI-ARIA combobox pattern with a listbox.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import type { FilterSuggestion } from '../../../../shared/filters';
import { splitList } from '../../components/form-controls';
import './filters.css';

/** How many suggestions the list shows at once (a library may hold hundreds of resources). */
const MAX_SHOWN = 40;

const norm = (s: string) => s.trim().toLowerCase();

export function ValuesCombobox(props: {
  id: string;
  label: string;
  values: string[];
  suggestions: FilterSuggestion[];
  onChange: (values: string[]) => void;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const { id, label, values, suggestions, onChange } = props;
  const listId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  const chosen = new Set(values.map(norm));
  const typed = norm(text);
  const matching = suggestions.filter((s) => !chosen.has(norm(s.value)) && (!typed || norm(s.value).includes(typed)));
  const options = matching.slice(0, MAX_SHOWN);
  const expanded = open && options.length > 0;

  const add = (items: string[]) => {
    const fresh = items.map((v) => v.trim()).filter((v, i, all) => v && !chosen.has(norm(v)) && all.findIndex((w) => norm(w) === norm(v)) === i);
    if (fresh.length) onChange([...values, ...fresh]);
  };
  const pick = (value: string) => {
    add([value]);
    setText('');
    setActive(-1);
  };
  const commitText = () => {
    if (text.trim()) add(splitList(text));
    setText('');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const n = options.length;
      if (n) setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : (a - 1 + n) % n));
    } else if (e.key === 'Enter') {
      // Enter would submit the webhook form: here it adds a value.
      e.preventDefault();
      if (expanded && active >= 0 && options[active]) pick(options[active].value);
      else commitText();
    } else if (e.key === 'Escape' && expanded) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    } else if (e.key === 'Backspace' && text === '' && values.length) {
      onChange(values.slice(0, -1));
    }
  };

  return (
    <div className="values-combobox">
      <label htmlFor={id} className="label">
        {label}
      </label>
      <div className="chips-box">
        {values.length > 0 && (
          <ul className="chips" aria-label={`${label} chosen`}>
            {values.map((v) => (
              <li key={v} className="chip">
                <span>{v}</span>
                <button type="button" className="chip-remove" aria-label={`Remove ${v}`} onClick={() => onChange(values.filter((x) => x !== v))}>
                  ✕
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          aria-invalid={props['aria-invalid']}
          aria-describedby={props['aria-describedby']}
          placeholder={values.length ? 'Add another…' : suggestions.length ? 'Type or pick from the samples' : 'Type a value and press Enter'}
          value={text}
          onChange={(e) => {
            const t = e.target.value;
            setOpen(true);
            setActive(-1);
            // A comma ends a value, so "a, b, c" typed or pasted becomes three chips.
            if (t.includes(',')) {
              const parts = t.split(',');
              add(parts.slice(0, -1));
              setText(parts[parts.length - 1]!.trimStart());
            } else setText(t);
          }}
          onFocus={() => setOpen(true)}
          onClick={() => setOpen(true)}
          onBlur={() => {
            commitText();
            setOpen(false);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <ul id={listId} role="listbox" aria-label={`${label}: values from the sample library`} className="suggestions" hidden={!expanded}>
        {options.map((s, i) => (
          <li
            key={s.value}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            // Keep the focus in the input, so the blur does not commit the half-typed text first.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(s.value)}
          >
            <span>{s.value}</span>
            <span className="muted small">
              {s.count} sample{s.count === 1 ? '' : 's'}
            </span>
          </li>
        ))}
        {matching.length > MAX_SHOWN && (
          <li role="presentation" className="muted small more">
            {matching.length - MAX_SHOWN} more: type to narrow
          </li>
        )}
      </ul>
    </div>
  );
}
