// The conflict screen of one item: the user's version and the server's current one side by side,
// field by field, differences highlighted; the user chooses: keep mine (resent on top of the
// server's version), take the server's (mine is discarded), or edit a merge. Never automatic.
import { useMemo, useState } from 'react';
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

export function ConflictView({ item }: { item: QueueItem }) {
  const { t } = useI18n();
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
            <div role="cell" className="lg-conflict-field">
              {r.field}
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
