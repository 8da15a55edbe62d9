/**
 * The Settings page's state: the saved settings and app info, the draft being edited, and saving.
 *
 * The backend checks the network settings (PEM, proxy URL) when saving, so the page shows exactly the
 * errors the CLI and the data-file loader would give, next to their fields.
 */
import type { SaveState } from '../../components/save-status';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppInfo } from '../../../../shared/api/contract';
import type { FieldIssue } from '../../../../shared/api/result';
import { SIZE_UNITS, splitByteSize, type SizeUnit } from '../../../../shared/model/response-limit';
import type { Settings } from '../../../../shared/model/store-schema';
import { api } from '../../lib/api';
import { useLeaveGuard } from '../../app/use-leave-guard';

/** The form's values: every field present, the network ones as (possibly empty) text. */
export interface SettingsDraft {
  eventTypeStyle: Settings['eventTypeStyle'];
  escapeMode: Settings['escapeMode'];
  extraCaPem: string;
  proxyUrl: string;
  /** The response body limit as typed, in {@link maxResponseUnit}s. */
  maxResponseAmount: string;
  maxResponseUnit: SizeUnit;
}

function toDraft(s: Settings): SettingsDraft {
  const limit = splitByteSize(s.maxResponseBytes);
  return {
    eventTypeStyle: s.eventTypeStyle,
    escapeMode: s.escapeMode,
    extraCaPem: s.network.extraCaPem ?? '',
    proxyUrl: s.network.proxyUrl ?? '',
    maxResponseAmount: String(limit.amount),
    maxResponseUnit: limit.unit,
  };
}

/** The whole settings object: `network` is replaced whole by the backend, and an empty field clears it. */
function toPatch(d: SettingsDraft): Partial<Settings> {
  // An empty or non-numeric amount goes as NaN, which the backend refuses with the field's message.
  const amount = d.maxResponseAmount.trim() === '' ? NaN : Number(d.maxResponseAmount);
  return {
    eventTypeStyle: d.eventTypeStyle,
    escapeMode: d.escapeMode,
    network: { extraCaPem: d.extraCaPem, proxyUrl: d.proxyUrl },
    maxResponseBytes: amount * SIZE_UNITS[d.maxResponseUnit],
  };
}

const LEAVE_QUESTION = 'The settings have unsaved changes. Leave this page and lose them?';

export function useSettingsDraft() {
  const [draft, setDraft] = useState<SettingsDraft>();
  const [info, setInfo] = useState<AppInfo>();
  const [loadError, setLoadError] = useState<string>();
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [dirty, setDirty] = useState(false);
  const draftRef = useRef(draft);
  draftRef.current = draft;

  useEffect(() => {
    void api.settings.get().then((r) => (r.ok ? setDraft(toDraft(r.value)) : setLoadError(r.error.message)));
    void api.app.info().then((r) => (r.ok ? setInfo(r.value) : setLoadError(r.error.message)));
  }, []);

  useLeaveGuard(dirty, LEAVE_QUESTION);

  const update = useCallback((patch: Partial<SettingsDraft>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setDirty(true);
    setSave((s) => (s.kind === 'saved' ? { kind: 'idle' } : s));
  }, []);

  const submit = useCallback(async () => {
    const current = draftRef.current;
    if (!current) return;
    setSave({ kind: 'saving' });
    const r = await api.settings.update({ patch: toPatch(current) });
    if (r.ok) {
      // Only replace the draft if nothing was typed while saving; the backend trims and drops empty values.
      if (draftRef.current === current) {
        setDraft(toDraft(r.value));
        setDirty(false);
      }
      setIssues([]);
      setSave({ kind: 'saved' });
    } else {
      const fieldIssues = r.error.issues ?? (r.error.field ? [{ field: r.error.field, message: r.error.message }] : []);
      setIssues(fieldIssues);
      setSave({ kind: 'failed', message: fieldIssues.length ? 'Not saved: fix the fields marked below.' : r.error.message });
    }
  }, []);

  return { draft, info, loadError, issues, save, dirty, update, submit };
}
