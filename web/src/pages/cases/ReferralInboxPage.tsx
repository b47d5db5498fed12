// /referrals/inbox: the receiving agency's referrals (docs/api-cases.md "Referrals"). Each shows
// only what the referral shares: the client code, the shared fields, the reason and the due date —
// never identity, never the record itself. The focal point accepts, rejects (a reason required) or
// marks done (with a note).
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Input, Modal, Segmented, Space, Tag, Typography } from 'antd';
import { caseSupportApi, referralColour, REFERRAL_REASON_MAX, type ReferralInboxItem } from '../../api/caseSupport';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useApi } from '../../useApi';
import { ErrorAlert } from '../../components/ResultPages';
import { useCaseLabels } from '../casesShared';
import { useReferralLabels } from './CaseReferralsTab';

type Action = 'accept' | 'reject' | 'done';

export default function ReferralInboxPage() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useApi(caseSupportApi.inbox());
  const [filter, setFilter] = useState<'open' | 'all'>('open');
  const [acting, setActing] = useState<{ item: ReferralInboxItem; action: Action } | null>(null);
  const items = (data?.items ?? []).filter((r) => filter === 'all' || r.status === 'sent' || r.status === 'accepted');

  return (
    <div style={{ maxWidth: 960 }}>
      <Typography.Title level={3} className="lg-page-title">
        {t('caseSupport.inbox.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('caseSupport.inbox.hint')}</Typography.Paragraph>
      <ErrorAlert error={error} onRetry={reload} />
      <Segmented
        style={{ marginBottom: 12 }}
        value={filter}
        onChange={(v) => setFilter(v as 'open' | 'all')}
        options={[
          { value: 'open', label: t('caseSupport.inbox.open') },
          { value: 'all', label: t('caseSupport.inbox.all') },
        ]}
        data-testid="referral-inbox-filter"
      />
      {!loading && items.length === 0 && <Empty description={t('caseSupport.inbox.empty')} />}
      <Space direction="vertical" style={{ width: '100%' }} data-testid="referral-inbox">
        {items.map((r) => (
          <InboxCard key={r.id} item={r} onAct={(action) => setActing({ item: r, action })} />
        ))}
      </Space>
      {acting && (
        <ActDialog
          {...acting}
          onClose={(changed) => {
            setActing(null);
            if (changed) reload();
          }}
        />
      )}
    </div>
  );
}

function InboxCard({ item: r, onAct }: { item: ReferralInboxItem; onAct: (a: Action) => void }) {
  const { t } = useI18n();
  const labels = useReferralLabels();
  const caseLabels = useCaseLabels();
  const s = r.shared;
  return (
    <Card
      size="small"
      data-testid={`referral-${r.code}`}
      title={
        <Space wrap>
          <Typography.Text strong>{r.code}</Typography.Text>
          <Tag color={referralColour(r.status, r.overdue)} data-testid="referral-status">
            {labels.statusLabel(r)}
          </Tag>
        </Space>
      }
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('caseSupport.referral.reason')}>{r.reason}</Descriptions.Item>
        <Descriptions.Item label={t('caseSupport.referral.sentOn')}>{formatDate(r.sentOn)}</Descriptions.Item>
        <Descriptions.Item label={t('caseSupport.referral.dueOn')}>{formatDate(r.dueOn)}</Descriptions.Item>
        {'birthYear' in s && <Descriptions.Item label={t('caseSupport.shared.birthYear')}>{s.birthYear ?? '—'}</Descriptions.Item>}
        {'sex' in s && <Descriptions.Item label={t('caseSupport.shared.sex')}>{caseLabels.sexLabel(s.sex ?? '')}</Descriptions.Item>}
        {'targetGroups' in s && (
          <Descriptions.Item label={t('caseSupport.shared.targetGroups')}>
            {(s.targetGroups ?? []).map(caseLabels.groupLabel).join(', ') || '—'}
          </Descriptions.Item>
        )}
        {'residence' in s && (
          <Descriptions.Item label={t('caseSupport.shared.residence')}>
            {s.residence ? `${s.residence.name} (${s.residence.code})` : '—'}
          </Descriptions.Item>
        )}
        {r.statusReason && <Descriptions.Item label={t('caseSupport.inbox.answer')}>{r.statusReason}</Descriptions.Item>}
      </Descriptions>
      <Space wrap style={{ marginTop: 8 }}>
        {r.status === 'sent' && (
          <>
            <Button type="primary" onClick={() => onAct('accept')} data-testid="referral-accept">
              {t('caseSupport.inbox.accept')}
            </Button>
            <Button danger onClick={() => onAct('reject')} data-testid="referral-reject">
              {t('caseSupport.inbox.reject')}
            </Button>
          </>
        )}
        {r.status === 'accepted' && (
          <Button type="primary" onClick={() => onAct('done')} data-testid="referral-done">
            {t('caseSupport.inbox.done')}
          </Button>
        )}
      </Space>
    </Card>
  );
}

function ActDialog({ item, action, onClose }: { item: ReferralInboxItem; action: Action; onClose: (changed: boolean) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const needsReason = action === 'reject';
  const ok = !needsReason || text.trim().length > 0;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await caseSupportApi.answer(item.id, action, item.version, text.trim() || undefined);
      onClose(true);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t(`caseSupport.inbox.${action}Title`, { code: item.code })}
      onCancel={() => onClose(false)}
      footer={
        <Space>
          <Button onClick={() => onClose(false)}>{t('cases.cancel')}</Button>
          <Button type="primary" danger={action === 'reject'} disabled={!ok} loading={busy} onClick={submit} data-testid="referral-act-submit">
            {t(`caseSupport.inbox.${action}`)}
          </Button>
        </Space>
      }
      data-testid="referral-act-dialog"
    >
      <ErrorAlert error={error} />
      {action !== 'accept' && (
        <>
          <Typography.Paragraph>{t(needsReason ? 'caseSupport.inbox.rejectReason' : 'caseSupport.inbox.doneNote')}</Typography.Paragraph>
          <Input.TextArea rows={3} maxLength={REFERRAL_REASON_MAX} showCount value={text} onChange={(e) => setText(e.target.value)} data-testid="referral-act-text" />
          <Alert type="info" showIcon style={{ marginTop: 8 }} message={t('caseSupport.noteHint')} />
        </>
      )}
      {action === 'accept' && <Typography.Paragraph>{t('caseSupport.inbox.acceptConfirm')}</Typography.Paragraph>}
    </Modal>
  );
}
