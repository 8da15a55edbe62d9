/** The settings the simulator renders with (event-type spelling, escaping), loaded once per page. */
import { useEffect, useState } from 'react';
import { defaultSettings, type Settings } from '../../../../shared/model/store-schema';
import { api } from '../../lib/api';


export function useSimSettings(): Settings {
  const [settings, setSettings] = useState<Settings>(defaultSettings);
  useEffect(() => {
    void api.settings.get().then((r) => r.ok && setSettings(r.value));
  }, []);
  return settings;
}
