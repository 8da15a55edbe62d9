import { describe, expect, it } from 'vitest';
import { checkSampleInput, parseSampleText, savedSampleEvents, SAMPLE_NAME_MAX, triggerOfEvent } from './user-samples';

describe('user samples', () => {
  it('accepts a named JSON object', () => {
    expect(checkSampleInput('Mine', { data: {} })).toEqual([]);
  });

  it('names the field and the fix for a bad name or payload', () => {
    expect(checkSampleInput('  ', { a: 1 })).toEqual([{ field: 'name', message: expect.stringMatching(/empty: type a name/) }]);
    expect(checkSampleInput('x'.repeat(SAMPLE_NAME_MAX + 1), {})[0]?.message).toMatch(/shorten it to 80/);
    expect(checkSampleInput('Mine', [1, 2]).map((i) => i.field)).toEqual(['event']);
    expect(checkSampleInput('Mine', null).map((i) => i.field)).toEqual(['event']);
  });

  it('parses pasted JSON and points at the line and column of an error', () => {
    expect(parseSampleText('{"data": {"id": "r1"}}')).toEqual({ ok: true, event: { data: { id: 'r1' } } });
    const bad = parseSampleText('{\n  "data": {,}\n}');
    expect(bad).toMatchObject({ ok: false, line: 2, column: 12 });
    expect(!bad.ok && bad.message).toMatch(/^Sample JSON, line 2 column 12: /);
    expect(parseSampleText('[1]')).toMatchObject({ ok: false, message: expect.stringMatching(/must be an object/) });
  });

  it('turns saved samples into preview samples with their own ids', () => {
    const out = savedSampleEvents([{ id: 'a1', name: 'Pasted', event: { data: { id: 'x' } }, createdAt: '2026-01-01T00:00:00Z' }]);
    expect(out).toEqual([{ id: 'saved-a1', label: 'Pasted', edgeCase: false, trigger: undefined, event: { data: { id: 'x' } } }]);
  });

  it('reads the trigger from event_type in either spelling, and none from anything else', () => {
    expect(triggerOfEvent({ event_type: 'AccessRequestApproved' })).toBe('RequestApproved');
    expect(triggerOfEvent({ event_type: 'RequestExpired' })).toBe('RequestExpired');
    expect(triggerOfEvent({ event_type: ' accessrequestgranted ' })).toBe('RequestGranted');
    expect(triggerOfEvent({ event_type: 'AccessRequestCreatedLater' })).toBeUndefined();
    expect(triggerOfEvent({ event_type: 42 })).toBeUndefined();
    expect(triggerOfEvent({})).toBeUndefined();
    const [saved] = savedSampleEvents([{ id: 'b', name: 'Mine', event: { event_type: 'AccessRequestRejected' }, createdAt: '2026-01-01T00:00:00Z' }]);
    expect(saved!.trigger).toBe('RequestRejected');
  });
});
