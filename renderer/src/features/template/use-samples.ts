/**
 * The sample the preview renders against: a built-in (trigger or edge case, in the chosen event_type
 * spelling) or a saved one, optionally edited as JSON. Saved samples come from `api.samples`.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SavedSample } from '../../../../shared/model/store-schema';
import type { EventTypeStyle, SampleEvent } from '../../../../shared/payload/request-event';
import { triggerSamples } from '../../../../shared/payload/samples';
import { edgeCaseSamples } from '../../../../shared/payload/samples-edge';
import { parseSampleText, savedSampleEvents, type ParsedSample } from '../../../../shared/payload/user-samples';
import { api } from '../../lib/api';

export interface SamplesModel {
  triggers: SampleEvent[];
  edgeCases: SampleEvent[];
  saved: SampleEvent[];
  selected: SampleEvent;
  select(id: string): void;
  /** The JSON text being edited for the selected sample, if the user edited it. */
  draft: string | undefined;
  setDraft(text: string | undefined): void;
  parsedDraft: ParsedSample | undefined;
  /** The event the preview renders: the edited JSON while it parses, else the selected sample. */
  event: unknown;
  /** Whether the selected sample is one the user saved (so it can be deleted). */
  selectedSaved: SavedSample | undefined;
  save(name: string): Promise<string | undefined>;
  remove(): Promise<string | undefined>;
  error: string | undefined;
}

const DEFAULT_SAMPLE = 'trigger-RequestCreated';

export function useSamples(style: EventTypeStyle): SamplesModel {
  const triggers = useMemo(() => triggerSamples(style), [style]);
  const edgeCases = useMemo(() => edgeCaseSamples(style), [style]);
  const [savedRaw, setSavedRaw] = useState<SavedSample[]>([]);
  const saved = useMemo(() => savedSampleEvents(savedRaw), [savedRaw]);
  const [selectedId, setSelectedId] = useState(DEFAULT_SAMPLE);
  const [draft, setDraft] = useState<string>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    void api.samples.list().then((r) => (r.ok ? setSavedRaw(r.value) : setError(r.error.message)));
  }, []);

  const all = [...triggers, ...edgeCases, ...saved];
  const selected = all.find((s) => s.id === selectedId) ?? triggers[0]!;
  const selectedSaved = savedRaw.find((s) => `saved-${s.id}` === selected.id);
  const parsedDraft = useMemo(() => (draft === undefined ? undefined : parseSampleText(draft)), [draft]);
  const event = parsedDraft?.ok ? parsedDraft.event : selected.event;

  const select = useCallback((id: string) => {
    setSelectedId(id);
    setDraft(undefined);
  }, []);

  const save = async (name: string): Promise<string | undefined> => {
    const payload = parsedDraft ? (parsedDraft.ok ? parsedDraft.event : undefined) : (selected.event as unknown as Record<string, unknown>);
    if (!payload) return 'Fix the sample JSON before saving it.';
    const r = await api.samples.save({ name, event: payload });
    if (!r.ok) return r.error.message;
    setSavedRaw((list) => [...list.filter((s) => s.id !== r.value.id), r.value].sort((a, b) => a.name.localeCompare(b.name)));
    setSelectedId(`saved-${r.value.id}`);
    setDraft(undefined);
    return undefined;
  };

  const remove = async (): Promise<string | undefined> => {
    if (!selectedSaved) return undefined;
    const r = await api.samples.remove({ id: selectedSaved.id });
    if (!r.ok) return r.error.message;
    setSavedRaw((list) => list.filter((s) => s.id !== selectedSaved.id));
    select(DEFAULT_SAMPLE);
    return undefined;
  };

  return { triggers, edgeCases, saved, selected, select, draft, setDraft, parsedDraft, event, selectedSaved, save, remove, error };
}
