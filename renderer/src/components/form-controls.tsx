/** Labelled fields with their errors next to them, wired for screen readers (aria-invalid, aria-describedby). */
import { useEffect, useState, type ReactNode } from 'react';
import type { FieldIssue } from '../../../shared/api/result';

/** Issues for exactly this field (not its children). */
export function issuesFor(issues: FieldIssue[], field: string): FieldIssue[] {
  return issues.filter((i) => i.field === field);
}

export function fieldId(field: string): string {
  return `f-${field.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/** Props that connect an input to its label and error text. */
export function describe(issues: FieldIssue[], field: string) {
  const mine = issuesFor(issues, field);
  const hasError = mine.some((i) => i.severity !== 'warning');
  return {
    id: fieldId(field),
    'aria-invalid': hasError || undefined,
    'aria-describedby': mine.length ? `${fieldId(field)}-msg` : undefined,
  };
}

export function FieldMessages({ issues, field }: { issues: FieldIssue[]; field: string }) {
  const mine = issuesFor(issues, field);
  if (!mine.length) return null;
  return (
    <div id={`${fieldId(field)}-msg`} className="field-messages" data-field={field}>
      {mine.map((i) => (
        <p key={i.message} className={i.severity === 'warning' ? 'warning' : 'error'} role={i.severity === 'warning' ? undefined : 'alert'}>
          {i.message}
        </p>
      ))}
    </div>
  );
}

/** Issues of several fields in one list, each as `field: message` (for a whole file or request refused at once). */
export function IssueList({ issues, className }: { issues: readonly FieldIssue[]; className?: string }) {
  return (
    <ul className={className}>
      {issues.map((i) => (
        <li key={`${i.field}${i.message}`}>
          <code>{i.field}</code>: {i.message}
        </li>
      ))}
    </ul>
  );
}

/** A labelled row: label, control, help and the field's messages. */
export function Field(props: { label: string; field: string; issues: FieldIssue[]; help?: ReactNode; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={fieldId(props.field)}>{props.label}</label>
      {props.children}
      {props.help && <p className="help">{props.help}</p>}
      <FieldMessages issues={props.issues} field={props.field} />
    </div>
  );
}

/**
 * A comma-separated list in one text box. Keeps the raw text while typing (so "a, " stays as typed) and
 * reports the trimmed, non-empty items.
 */
export function ListInput(props: {
  value: string[];
  onChange: (items: string[]) => void;
  id?: string;
  placeholder?: string;
  'aria-label'?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const { value, onChange, ...rest } = props;
  const [text, setText] = useState(value.join(', '));
  const joined = value.join(', ');
  useEffect(() => {
    setText((t) => (splitList(t).join(', ') === joined ? t : joined));
  }, [joined]);
  return (
    <input
      type="text"
      {...rest}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(splitList(e.target.value));
      }}
    />
  );
}

export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
