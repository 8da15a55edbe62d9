/**
 * The probe rendered by stock Handlebars (with and without `noEscape`, both event_type spellings) against
 * samples holding `& < > " '`, and the findings read back from the bytes, also when a quote broke the JSON.
 */
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPE_STYLES } from '../model/store-schema';
import { flattenFields } from '../payload/field-schema';
import { REQUEST_SCHEMA } from '../payload/request-schema';
import { sampleForTrigger } from '../payload/samples';
import { captureFindings, settingsPatchOf, spellingOf } from './findings';
import { probeTemplate, PROBE_TAG } from './probe-template';
import { readMarkers } from './probe-read';

const HOSTILE = `Fix "prod" & <db> — it's urgent`;

/** A realistic event whose free text holds every character escaping changes. */
function hostileEvent(style: (typeof EVENT_TYPE_STYLES)[number]) {
  const e = sampleForTrigger('RequestGranted', style);
  e.data.justification = HOSTILE;
  e.data.requester.name = `O'Brien & <Sons>`;
  e.data.custom_fields = { ticket: 'OPS-1', 'cost center': 42 };
  return e;
}

const render = (event: unknown, noEscape: boolean) => Handlebars.compile(probeTemplate(), { noEscape })(event);

describe('the probe template', () => {
  it('names every field of the request schema, and walks every array with #each', () => {
    const t = probeTemplate();
    expect(t).toContain(PROBE_TAG);
    for (const row of flattenFields(REQUEST_SCHEMA)) {
      if (row.field.type === 'array') expect(t).toContain(`{{#each ${row.path.split('[].').pop()}}}`);
      expect(t).toContain(`${row.field.name}`);
    }
    // Nested arrays refer to their parent's index.
    expect(t).toContain('data.access_groups.{{@../index}}.access_units.{{@index}}.permission.name');
  });

  it('renders to valid JSON when values are benign, in both escape modes', () => {
    for (const noEscape of [false, true]) expect(() => JSON.parse(render(sampleForTrigger('RequestGranted'), noEscape))).not.toThrow();
  });

  it('keeps markers readable when the values break the JSON', () => {
    const body = render(hostileEvent('AccessRequestCreated'), true);
    expect(() => JSON.parse(body)).toThrow();
    expect(readMarkers(body).values.get('data.justification')).toBe(HOSTILE);
    expect(readMarkers(body).lengths.get('data.justification')).toBe(String(HOSTILE.length));
  });
});

describe('findings from a probe capture', () => {
  for (const style of EVENT_TYPE_STYLES) {
    for (const noEscape of [false, true]) {
      it(`${style}, ${noEscape ? 'noEscape' : 'stock escaping'}: spelling, escaping, fields, types and the event`, () => {
        const event = hostileEvent(style);
        const f = captureFindings(render(event, noEscape));
        expect(f.source).toBe('probe');
        expect(f.jsonValid).toBe(!noEscape);
        expect(f.eventTypeSpelling).toBe(style);
        expect(f.eventType).toBe(event.event_type);
        expect(f.escapeMode).toBe(noEscape ? 'none' : 'html');
        expect(f.valueTypes.event_time).toBe('number');
        expect(f.valueTypes['data.id']).toBe('string');
        expect(f.valueTypes['data.access_groups']).toBe('array');
        expect(f.valueTypes['data.access_groups[].access_units[].resource.name']).toBe('string');
        expect(f.fields.present).toContain('data.grantee.source_id');
        expect(f.fields.missing).toEqual(['data.access_bundle']);
        expect(f.fields.unknown).toEqual([]);
        // The reconstructed event is the one rendered, escaping undone, numbers as numbers.
        expect(f.event).toEqual(JSON.parse(JSON.stringify(event)));
        expect(settingsPatchOf(f)).toEqual({ eventTypeStyle: style, escapeMode: noEscape ? 'none' : 'html' });
      });
    }
  }

  it('reports fields the schema does not know, and escaping as undetermined when no value tells', () => {
    const event = sampleForTrigger('RequestCreated', 'RequestCreated') as unknown as Record<string, unknown> & { data: Record<string, unknown> };
    event.data.risk_score = 7;
    delete event.data.friendly_id;
    const f = captureFindings(render(event, false));
    expect(f.fields.unknown).toEqual(['data.risk_score']);
    expect(f.fields.missing).toContain('data.friendly_id');
    expect(f.valueTypes['data.risk_score']).toBe('number');
    expect(f.escapeMode).toBe('undetermined');
    expect(f.eventTypeSpelling).toBe('RequestCreated');
    expect(settingsPatchOf(f)).toEqual({ eventTypeStyle: 'RequestCreated' });
  });
});

describe('findings from an ordinary body', () => {
  it('reads a JSON body holding the event, with html entities in its values', () => {
    const event = hostileEvent('AccessRequestCreated');
    const body = Handlebars.compile('{"event_type":"{{event_type}}","event_time":{{event_time}},"data":{"justification":"{{data.justification}}","id":"{{data.id}}"}}')(event);
    const f = captureFindings(body);
    expect(f.source).toBe('json');
    expect(f.escapeMode).toBe('html');
    expect(f.eventTypeSpelling).toBe('AccessRequestCreated');
    expect(f.valueTypes.event_time).toBe('number');
    expect(f.fields.missing).toContain('data.requester');
    expect((f.event!.data as Record<string, unknown>).justification).toBe(HOSTILE);
  });

  it('finds the spelling in any text, and says why fields cannot be read', () => {
    const f = captureFindings('{"text":"New RequestApproved from Dana"}');
    expect(f.source).toBe('text');
    expect(f.eventTypeSpelling).toBe('RequestCreated');
    expect(f.escapeMode).toBe('undetermined');
    expect(f.notes.join(' ')).toMatch(/probe template/);
    expect(spellingOf('Created')).toBe('undetermined');
  });

  it('reads a body that is not JSON: event_type from its field, escaping from a quote that ended a string early', () => {
    const body = Handlebars.compile('{"event_type":"{{event_type}}","reason":"{{data.justification}}"}', { noEscape: true })(hostileEvent('RequestCreated'));
    const f = captureFindings(body);
    expect(f).toMatchObject({ source: 'text', jsonValid: false, eventType: 'RequestGranted', eventTypeSpelling: 'RequestCreated', escapeMode: 'none' });
    const escaped = captureFindings(Handlebars.compile('{"text":"{{event_type}}: {{data.justification}}"}')(hostileEvent('AccessRequestCreated')));
    expect(escaped).toMatchObject({ source: 'text', jsonValid: true, eventTypeSpelling: 'AccessRequestCreated', escapeMode: 'html' });
  });
});

describe('hostile bodies', () => {
  it('a JSON body nested far deeper than any event gives findings, not a stack overflow', () => {
    for (const body of ['['.repeat(200_000) + ']'.repeat(200_000), '{"event_type":"RequestCreated","data":'.repeat(50_000) + '1' + '}'.repeat(50_000)]) {
      const f = captureFindings(body);
      expect(f).toMatchObject({ source: 'text', jsonValid: true, event: null, escapeMode: 'undetermined' });
      expect(f.notes.join(' ')).toMatch(/nested deeper than \d+ levels/);
      expect(() => JSON.stringify(f)).not.toThrow();
    }
  });
});

describe('the rebuilt event', () => {
  it('keeps the key order the event had, which #each over an object follows', () => {
    const event = { data: { requester: { email: 'a@example.com', id: 'u1', name: 'A' } }, event_type: 'RequestCreated' };
    const f = captureFindings(render(event, false));
    expect(Object.keys(f.event!)).toEqual(['data', 'event_type']);
    expect(Object.keys((f.event!.data as { requester: object }).requester)).toEqual(['email', 'id', 'name']);
  });
});

describe('escaping in a body that is not an event', () => {
  it('does not take an = in the template’s own text (a URL) for an unescaped value', () => {
    const f = captureFindings(Handlebars.compile('{"link":"https://x.example/?a=b","text":"{{data.justification}}"}')(hostileEvent('AccessRequestCreated')));
    expect(f.escapeMode).toBe('html');
  });
});

describe('a Handlebars without #each over objects or .length', () => {
  it('still reads values, presence and escaping from the value markers alone', () => {
    const full = render(hostileEvent('AccessRequestCreated'), false);
    // What an engine that renders neither `@key` loops nor `.length` would send.
    const body = full.replace(/⟦\?([^⟦⟧]*)⟧[\s\S]*?⟦\/\?\1⟧/g, '').replace(/⟦#([^⟦⟧]*)⟧[^⟦]*⟦\/#\1⟧/g, (_m, p: string) => `⟦#${p}⟧⟦/#${p}⟧`);
    const f = captureFindings(body);
    expect(f).toMatchObject({ source: 'probe', eventTypeSpelling: 'AccessRequestCreated', escapeMode: 'html' });
    expect((f.event!.data as { justification: string }).justification).toBe(HOSTILE);
    expect(f.fields.missing).toContain('data.access_bundle');
    expect(f.fields.present).toContain('data.approvals[].approver.email');
  });
});
