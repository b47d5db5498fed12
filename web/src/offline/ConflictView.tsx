// The conflict screen of one item: the user's version and the server's current one side by side,
// field by field, differences highlighted; the user chooses: keep mine (resent on top of the
// server's version), take the server's (mine is discarded), or edit a merge. Never automatic.
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/api';
import type { MessageKey } from '../i18n/vi';
import { Alert, Button, Card, Input, Popconfirm, Space, Typography } from 'antd';
import { useI18n } from '../i18n';
import { diffFields, diffValues, type FieldDiff, type QueueItem } from './queue';
import { useOffline } from './OfflineProvider';

function show(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'number') return v.toLocaleString('vi-VN');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function parse(text: string, like: unknown): unknown {
  if (typeof like === 'number' || (like === null && /^-?\d+(\.\d+)?$/.test(text.trim()))) {
    const n = Number(text.replace(/\./g, '').replace(',', '.'));
    return text.trim() === '' ? null : Number.isFinite(n) ? n : text;
  }
  if (typeof like === 'object' && like !== null) {
    try {
      return JSON.parse(text);
    } catch {
      return like;
    }
  }
  return text;
}

/** The names the user knows an activity's fields by. */
const ACTIVITY_FIELDS: Record<string, MessageKey> = {
  title: 'activity.name',
  interventionTypeCode: 'activity.interventionType',
  orgUnitCode: 'activity.orgUnit',
  leadAgencyId: 'activity.lead',
  partnerAgencyIds: 'activity.partners',
  programmeIds: 'activity.programmes',
  planActivityId: 'activity.planActivity',
  startDate: 'activity.startDate',
  endDate: 'activity.endDate',
  reach: 'activity.reachTitle',
  outputs: 'activity.outputsTitle',
  costs: 'activity.costsTitle',
  note: 'common.note',
};

/** A report form's element names by code (the form is among the reads kept offline). */
function useElementNames(form: string | undefined, lang: string): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!form) return;
    let live = true;
    api
      .get<{ sections: { elements: { code: string; label: string; labelEn?: string }[] }[] }>(`/api/report-forms/${encodeURIComponent(form)}`)
      .then((f) => {
        const out: Record<string, string> = {};
        for (const sec of f.sections ?? []) for (const el of sec.elements ?? []) out[el.code] = (lang === 'en' && el.labelEn) || el.label;
        if (live) setNames(out);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [form, lang]);
  return names;
}

export function ConflictView({ item }: { item: QueueItem }) {
  const { t, lang } = useI18n();
  const elementNames = useElementNames(item.kind === 'report.save' ? String(item.body.form ?? '') : undefined, lang);
  const nameOf = (field: string) =>
    item.kind === 'report.save' ? elementNames[field] ?? field : ACTIVITY_FIELDS[field] ? t(ACTIVITY_FIELDS[field]) : field;
  const { keepMine, discard, merge } = useOffline();
  const isReport = item.kind === 'report.save';
  const rows: FieldDiff[] = useMemo(() => {
    if (!item.server) return [];
    if (isReport)
      return diffValues((item.body.values ?? {}) as Record<string, unknown>, (item.server.values ?? {}) as Record<string, unknown>);
    return diffFields(item.body, item.server);
  }, [item, isReport]);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const startMerge = () => {
    const d: Record<string, string> = {};
    for (const r of rows) d[r.field] = show(r.differs ? r.theirs : r.mine).replace(/^—$/, '');
    setDraft(d);
    setEditing(true);
  };
  const sendMerge = () => {
    const values: Record<string, unknown> = {};
    for (const r of rows) values[r.field] = parse(draft[r.field] ?? '', r.mine ?? r.theirs);
    const body = isReport ? { ...item.body, values: { ...(item.body.values as object), ...values } } : { ...item.body, ...values };
    void merge(item.id, body);
    setEditing(false);
  };

  return (
    <Card size="small" title={t('offline.conflictTitle')} data-testid="conflict-view" styles={{ body: { padding: 8 } }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('offline.conflictIntro')}
      </Typography.Paragraph>
      {!item.server && <Alert type="warning" showIcon message={t('offline.serverUnknown')} style={{ marginBottom: 8 }} />}
      <div className="lg-conflict" role="table">
        <div className="lg-conflict-row lg-conflict-head" role="row">
          <div role="columnheader">{t('offline.field')}</div>
          <div role="columnheader">{t('offline.mine')}</div>
          <div role="columnheader">{editing ? t('offline.merged') : t('offline.theirs')}</div>
        </div>
        {rows.map((r) => (
          <div key={r.field} role="row" className={`lg-conflict-row${r.differs ? ' lg-conflict-differs' : ''}`} data-testid={`conflict-row-${r.field}`} data-differs={r.differs ? '1' : '0'}>
            <div role="cell" className="lg-conflict-field" title={r.field}>
              {nameOf(r.field)}
              {r.differs && <span className="lg-conflict-mark"> ≠ {t('offline.differs')}</span>}
            </div>
            <div role="cell" data-testid="conflict-mine">{show(r.mine)}</div>
            <div role="cell" data-testid="conflict-theirs">
              {editing ? (
                <Input size="small" value={draft[r.field]} onChange={(e) => setDraft({ ...draft, [r.field]: e.target.value })} data-testid={`merge-${r.field}`} />
              ) : (
                show(r.theirs)
              )}
            </div>
          </div>
        ))}
      </div>
      <Space wrap style={{ marginTop: 8 }}>
        {editing ? (
          <>
            <Button type="primary" onClick={sendMerge} data-testid="conflict-send-merge">
              {t('offline.sendMerge')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          </>
        ) : (
          <>
            <Button type="primary" onClick={() => void keepMine(item.id)} disabled={!item.server} data-testid="conflict-keep-mine">
              {t('offline.keepMine')}
            </Button>
            <Popconfirm title={t('offline.discardConfirm')} onConfirm={() => void discard(item.id)} okButtonProps={{ 'data-testid': 'conflict-take-theirs-ok' } as Record<string, string>}>
              <Button data-testid="conflict-take-theirs">{t('offline.takeTheirs')}</Button>
            </Popconfirm>
            <Button onClick={startMerge} disabled={!item.server} data-testid="conflict-edit-merge">
              {t('offline.editMerge')}
            </Button>
          </>
        )}
      </Space>
    </Card>
  );
}
