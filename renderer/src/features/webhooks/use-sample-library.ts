/**
 * The sample library: the built-in samples (trigger samples and edge cases, in the configured event_type
 * spelling) and the samples the user saved from the template editor.
 */
import { useEffect, useMemo, useState } from 'react';
import type { SavedSample } from '../../../../shared/model/store-schema';
import type { SampleEvent } from '../../../../shared/payload/request-event';
import { allSamples } from '../../../../shared/payload/samples';
import { savedSampleEvents } from '../../../../shared/payload/user-samples';
import { api } from '../../lib/api';
import { useSimSettings } from '../simulator/use-sim-settings';

export interface SampleLibrary {
  builtIn: SampleEvent[];
  saved: SampleEvent[];
  /** Why the saved samples could not be loaded (the built-in ones still are). */
  error?: string;
}

export function useSampleLibrary(): SampleLibrary {
  const { eventTypeStyle } = useSimSettings();
  const builtIn = useMemo(() => allSamples(eventTypeStyle), [eventTypeStyle]);
  const [savedRaw, setSavedRaw] = useState<SavedSample[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    void api.samples.list().then((r) => (r.ok ? setSavedRaw(r.value) : setError(`Saved samples could not be loaded: ${r.error.message}`)));
  }, []);
  const saved = useMemo(() => savedSampleEvents(savedRaw), [savedRaw]);
  return { builtIn, saved, ...(error ? { error } : {}) };
}
