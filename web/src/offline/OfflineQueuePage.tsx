// The outbox (hàng chờ gửi): every item of the local queue with its state — waiting, sent, error
// (the server's message, retry / edit / discard), conflict (the side-by-side screen). Phone first.
import { useState } from 'react';
import { Alert, Button, Card, Empty, Input, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/vi';
import { ConflictView } from './ConflictView';
import { useOffline } from './OfflineProvider';
import type { ItemState, QueueItem } from './queue';

const COLOR: Record<ItemState, string> = { waiting: 'gold', sent: 'green', error: 'red', conflict: 'volcano' };

function pad(n: number) {
  return String(n).padStart(2, '0');
}
function when(ms: number) {
  const d = new Date(ms);
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The scalar fields of an item the user may correct (a report's values, an activity's plain fields). */
function editable(item: QueueItem): [string, unknown][] {
  const src = item.kind === 'report.save' ? ((item.body.values ?? {}) as Record<string, unknown>) : item.body;
  return Object.entries(src).filter(([k, v]) => k !== 'version' && (v === null || ['string', 'number'].includes(typeof v)));
}

function EditModal({ item, onClose }: { item: QueueItem; onClose: () => void }) {
  const { t } = useI18n();
  const { edit } = useOffline();
  const fields = editable(item);
  const [vals, setVals] = useState<Record<string, string>>(() => Object.fromEntries(fields.map(([k, v]) => [k, v === null ? '' : String(v)])));
  const save = () => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of fields) {
      const s = vals[k] ?? '';
      out[k] = typeof v === 'number' || (v === null && item.kind === 'report.save') ? (s.trim() === '' ? null : Number(s)) : s;
    }
    void edit(item.id, item.kind === 'report.save' ? { values: { ...(item.body.values as object), ...out } } : out);
    onClose();
  };
  return (
    <Modal open title={`${t('offline.edit')}: ${item.label}`} onOk={save} onCancel={onClose} okText={t('offline.retry')} width="min(560px, calc(100vw - 24px))">
      {fields.map(([k]) => (
        <div key={k} style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">{k}</Typography.Text>
          <Input value={vals[k]} onChange={(e) => setVals({ ...vals, [k]: e.target.value })} data-testid={`edit-${k}`} />
        </div>
      ))}
    </Modal>
  );
}

export default function OfflineQueuePage() {
  const { t, lang } = useI18n();
  const { items, online, retry, discard, syncNow, clearSent, counts } = useOffline();
  const [editing, setEditing] = useState<QueueItem | null>(null);
  const shown = [...items].sort((a, b) => b.seq - a.seq);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="offline-queue">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('offline.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('offline.intro')}
      </Typography.Paragraph>
      <Space wrap>
        {(['waiting', 'sent', 'error', 'conflict'] as ItemState[]).map((s) => (
          <Tag key={s} color={COLOR[s]} data-testid={`count-${s}`}>
            {t(`offline.state.${s}` as MessageKey)}: {counts[s]}
          </Tag>
        ))}
      </Space>
      <Space wrap>
        <Button type="primary" disabled={!online || counts.waiting === 0} onClick={syncNow} data-testid="offline-send-now">
          {t('offline.sendNow')}
        </Button>
        <Button disabled={counts.sent === 0} onClick={() => void clearSent()} data-testid="offline-clear-sent">
          {t('offline.clearSent')}
        </Button>
      </Space>
      {shown.length === 0 && <Empty description={t('offline.empty')} />}
      {shown.map((it) => (
        <Card key={it.id} size="small" data-testid="offline-item" data-state={it.state} data-kind={it.kind} styles={{ body: { padding: 10 } }}>
          <Space direction="vertical" style={{ width: '100%' }} size={4}>
            <Space wrap size={4}>
              <Tag color={COLOR[it.state]} data-testid="offline-item-state">
                {t(`offline.state.${it.state}` as MessageKey)}
              </Tag>
              <Typography.Text type="secondary">{t(`offline.kind.${it.kind}` as MessageKey)}</Typography.Text>
            </Space>
            <Typography.Text strong style={{ overflowWrap: 'anywhere' }} data-testid="offline-item-label">
              {it.label}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('offline.enteredAt')}: {when(it.createdAt)}
            </Typography.Text>
            {it.state === 'error' && it.error && (
              <Alert type="error" showIcon message={lang === 'en' ? it.error.messageEn || it.error.message : it.error.message} data-testid="offline-item-error" />
            )}
            {it.state === 'error' && (
              <Space wrap>
                <Button size="small" type="primary" onClick={() => void retry(it.id)} data-testid="offline-retry">
                  {t('offline.retry')}
                </Button>
                <Button size="small" onClick={() => setEditing(it)} data-testid="offline-edit">
                  {t('offline.edit')}
                </Button>
                <Popconfirm title={t('offline.discardConfirm')} onConfirm={() => void discard(it.id)}>
                  <Button size="small" danger data-testid="offline-discard">
                    {t('offline.discard')}
                  </Button>
                </Popconfirm>
              </Space>
            )}
            {it.state === 'conflict' && <ConflictView item={it} />}
          </Space>
        </Card>
      ))}
      {editing && <EditModal item={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}
