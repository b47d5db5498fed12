// The quick-entry draft kept in this browser (localStorage): restored once on opening (for an
// edit only when it was made on the same version), kept 300 ms after each change and when the
// page goes away, forgotten after a save or on "discard".
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FormInstance } from 'antd';
import type { Activity } from '../../api/types';
import { clearDraft, loadDraft, sameDraft, saveDraft, type ActivityDraft, type StoredDraft } from '../../activities';
import { storage, toDraft, type Values } from './values';

export function useKeptDraft(form: FormInstance<Values>, key: string, base: ActivityDraft, activity: Activity | null) {
  const [restored, setRestored] = useState<StoredDraft | null>(null);
  const [draftAt, setDraftAt] = useState<string | null>(null);
  const timer = useRef<number | null>(null);

  // Restore a kept draft once, on mount (for an edit only if it was made on this version).
  const initial = useMemo(() => {
    const stored = loadDraft(storage(), key);
    if (stored && (activity ? stored.baseVersion === activity.version : true) && !sameDraft(stored.values, base)) {
      return { values: stored.values, stored };
    }
    if (stored) clearDraft(storage(), key);
    return { values: base, stored: null };
    // Only on mount: later changes are the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    setRestored(initial.stored);
    setDraftAt(initial.stored?.savedAt ?? null);
  }, [initial]);

  const currentDraft = useCallback(() => toDraft(form.getFieldsValue(true) as Values), [form]);

  const keepDraft = useCallback(() => {
    timer.current = null;
    const d = currentDraft();
    if (sameDraft(d, base)) {
      clearDraft(storage(), key);
      setDraftAt(null);
    } else if (saveDraft(storage(), key, d, new Date(), activity?.version ?? null)) {
      setDraftAt(new Date().toISOString());
    }
  }, [currentDraft, base, key, activity]);

  const scheduleDraft = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(keepDraft, 300);
  }, [keepDraft]);

  // A pending draft write is flushed when the page goes away.
  useEffect(() => {
    const flush = () => {
      if (timer.current !== null) {
        window.clearTimeout(timer.current);
        keepDraft();
      }
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [keepDraft]);

  /** Drops the kept draft (after a save, or when the user discards it). */
  const forget = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    clearDraft(storage(), key);
    setDraftAt(null);
    setRestored(null);
  }, [key]);

  return { initial, restored, draftAt, currentDraft, keepDraft, scheduleDraft, forget };
}
