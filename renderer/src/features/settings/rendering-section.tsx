/**
 * Rendering settings: how mock events spell `event_type`, and how Handlebars escapes values. Both are open
 * questions about Apono (spec §10 #1 and #9), so each option says when to pick it.
 */
import type { ReactNode } from 'react';
import { eventTypeFor } from '../../../../shared/payload/request-event';
import type { Settings } from '../../../../shared/model/store-schema';
import { FieldMessages, fieldId } from '../../components/form-controls';
import type { FieldIssue } from '../../../../shared/api/result';
import type { SettingsDraft } from './use-settings-draft';

interface Choice<T extends string> {
  value: T;
  label: string;
  help: ReactNode;
}

const EVENT_TYPE_CHOICES: Choice<Settings['eventTypeStyle']>[] = [
  {
    value: 'AccessRequestCreated',
    label: 'AccessRequestCreated style',
    help: (
      <>
        As in Apono&apos;s documented example payload, e.g. <code>{eventTypeFor('RequestApproved', 'AccessRequestCreated')}</code>.
      </>
    ),
  },
  {
    value: 'RequestCreated',
    label: 'RequestCreated style',
    help: (
      <>
        The trigger names themselves, e.g. <code>{eventTypeFor('RequestApproved', 'RequestCreated')}</code>.
      </>
    ),
  },
];

const ESCAPE_CHOICES: Choice<Settings['escapeMode']>[] = [
  {
    value: 'html',
    label: 'HTML escaping (stock Handlebars)',
    help: (
      <>
        <code>{'{{value}}'}</code> turns <code>&quot;</code> into <code>&amp;quot;</code> and <code>&amp;</code> into <code>&amp;amp;</code>; <code>{'{{{value}}}'}</code> does not. Choose this to
        see what an unmodified Handlebars would send — the safer assumption.
      </>
    ),
  },
  {
    value: 'none',
    label: 'No escaping',
    help: <>Values are inserted as they are. Choose this if your receiver shows raw quotes from Apono, or to check that a quote or backslash in a value breaks your JSON.</>,
  },
];

function RadioGroup<T extends string>(props: { name: string; legend: string; intro: ReactNode; choices: Choice<T>[]; value: T; issues: FieldIssue[]; onChange: (v: T) => void }) {
  const introId = `${fieldId(props.name)}-intro`;
  return (
    <fieldset className="settings-choices" aria-describedby={introId}>
      <legend>{props.legend}</legend>
      <p className="help" id={introId}>
        {props.intro}
      </p>
      {props.choices.map((c) => {
        const helpId = `${fieldId(props.name)}-${c.value}-help`;
        return (
          <div className="settings-choice" key={c.value}>
            <label className="inline">
              <input type="radio" name={props.name} value={c.value} checked={props.value === c.value} aria-describedby={helpId} onChange={() => props.onChange(c.value)} />
              {c.label}
            </label>
            <p className="help" id={helpId}>
              {c.help}
            </p>
          </div>
        );
      })}
      <FieldMessages issues={props.issues} field={props.name} />
    </fieldset>
  );
}

export function RenderingSection({ draft, issues, update }: { draft: SettingsDraft; issues: FieldIssue[]; update: (p: Partial<SettingsDraft>) => void }) {
  return (
    <section className="settings-section" aria-labelledby="settings-rendering">
      <h2 id="settings-rendering">Rendering</h2>
      <p className="muted">Both apply to the template preview, the simulator and Test; the escaping also to re-rendered replays.</p>
      <RadioGroup
        name="eventTypeStyle"
        legend="event_type spelling in sample events"
        intro={
          <>
            An open question: Apono&apos;s docs show <code>AccessRequestCreated</code> in the example payload, but the triggers are named <code>RequestCreated</code>, and the docs never say
            which one live webhooks carry. If your template prints or compares <code>event_type</code>, test with both.
          </>
        }
        choices={EVENT_TYPE_CHOICES}
        value={draft.eventTypeStyle}
        issues={issues}
        onChange={(eventTypeStyle) => update({ eventTypeStyle })}
      />
      <RadioGroup
        name="escapeMode"
        legend="Escaping of {{ }} values"
        intro="Apono does not document whether it HTML-escapes values. Either way, the rendered body must be valid JSON, which the preview checks."
        choices={ESCAPE_CHOICES}
        value={draft.escapeMode}
        issues={issues}
        onChange={(escapeMode) => update({ escapeMode })}
      />
    </section>
  );
}
