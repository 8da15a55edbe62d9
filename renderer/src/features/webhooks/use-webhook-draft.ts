/**
 * The Add/Edit page's state: the draft, live validation (debounced) and saving.
 *
 * Validation runs in the backend (the same rules the CLI and import use), so the form can never disagree
 * with what saving will say.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SaveState } from '../../components/save-status';
import type { FieldIssue } from '../../../../shared/api/result';
import { emptyWebhookInput, type Webhook, type WebhookInput } from '../../../../shared/model/webhook';
import { api } from '../../lib/api';
import { useLeaveGuard } from '../../app/use-leave-guard';
import { findPreset, presetInput } from '../../../../shared/presets';

function toInput(w: Webhook): WebhookInput {
  const { id: _id, createdAt: _c, updatedAt: _u, ...input } = w;
  return input;
}


/** A new webhook's starting values: the chosen preset's webhook, or the blank defaults. */
function initialDraft(presetId: string | undefined): WebhookInput {
  const preset = presetId ? findPreset(presetId) : undefined;
  return preset ? presetInput(preset) : emptyWebhookInput();
}

export function useWebhookDraft(id: string | undefined, presetId?: string) {
  const [savedId, setSavedId] = useState(id);
  const [draft, setDraft] = useState<WebhookInput | undefined>(id ? undefined : initialDraft(presetId));
  const [loadError, setLoadError] = useState<string>();
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [dirty, setDirty] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const draftRef = useRef(draft);
  draftRef.current = draft;

  useEffect(() => {
    if (!id) return;
    void api.webhooks.get({ id }).then((r) => (r.ok ? setDraft(toInput(r.value)) : setLoadError(r.error.message)));
  }, [id]);

  useEffect(() => {
    if (!draft) return;
    const timer = setTimeout(() => {
      void api.webhooks.validate({ input: draft, id: savedId }).then((r) => r.ok && draftRef.current === draft && setIssues(r.value));
    }, 200);
    return () => clearTimeout(timer);
  }, [draft, savedId]);

  useLeaveGuard(dirty, 'This webhook has unsaved changes. Leave this page and lose them?');

  const update = useCallback((patch: Partial<WebhookInput>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setDirty(true);
    setSave((s) => (s.kind === 'saved' ? { kind: 'idle' } : s));
  }, []);

  const submit = useCallback(async () => {
    const current = draftRef.current;
    if (!current) return;
    setSubmitted(true);
    setSave({ kind: 'saving' });
    const r = savedId ? await api.webhooks.update({ id: savedId, input: current }) : await api.webhooks.create({ input: current });
    if (r.ok) {
      setSavedId(r.value.webhook.id);
      // Typing went on while the save was in flight: keep it (still unsaved) rather than replace it with what
      // was saved a moment ago.
      const typedMeanwhile = draftRef.current !== current;
      if (!typedMeanwhile) setDraft(toInput(r.value.webhook));
      setIssues(r.value.warnings);
      setDirty(typedMeanwhile);
      setSave(typedMeanwhile ? { kind: 'idle' } : { kind: 'saved', at: new Date() });
      if (!savedId) window.history.replaceState(null, '', `#/webhooks/${encodeURIComponent(r.value.webhook.id)}`);
    } else {
      const fieldIssues = r.error.issues ?? (r.error.field ? [{ field: r.error.field, message: r.error.message }] : []);
      if (fieldIssues.length) setIssues(fieldIssues);
      setSave({ kind: 'failed', message: fieldIssues.length ? 'Not saved: fix the fields marked below.' : r.error.message });
    }
  }, [savedId]);

  return { savedId, draft, loadError, issues, save, dirty, submitted, update, submit };
}
