/** The two settings the template preview depends on (escape mode, event_type spelling), read and written through the API. */
import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '../../../../shared/model/store-schema';
import { defaultSettings } from '../../../../shared/model/store-schema';
import { api } from '../../lib/api';

export function useTemplateSettings(): { settings: Settings; error: string | undefined; change(patch: Partial<Settings>): void } {
  const [settings, setSettings] = useState<Settings>(defaultSettings());
  const [error, setError] = useState<string>();

  useEffect(() => {
    void api.settings.get().then((r) => (r.ok ? setSettings(r.value) : setError(r.error.message)));
  }, []);

  const change = useCallback((patch: Partial<Settings>) => {
    setSettings((s) => ({ ...s, ...patch }));
    void api.settings.update({ patch }).then((r) => (r.ok ? (setSettings(r.value), setError(undefined)) : setError(r.error.message)));
  }, []);

  return { settings, error, change };
}
