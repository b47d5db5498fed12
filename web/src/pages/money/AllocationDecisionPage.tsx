// /allocation-decisions/:id: one allocation decision (docs/api-money.md §2) — status, receiver,
// lines, total and effective total, its amendments in date order with running totals, and the
// actions the server allows (edit, issue after a confirm, amend, delete, attach).
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, List, Popconfirm, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, FileAddOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { allocationApi, type AllocationDecision, type AllocationLine } from '../../api/money';
import { load } from '../../api/get';
import { formatDate, formatDateTime } from '../../format';
import { localName, useI18n } from '../../i18n';
import { useTaxonomy } from '../../reference';
import { useApi } from '../../useApi';
import { ErrorAlert } from '../../components/ResultPages';
import { FileUpload } from '../../components/FileUpload';
import { ListTable } from '../../components/list';
import { amendmentTimeline, formatMoney, formatSigned } from '../../money';
import { formatFileSize } from '../../workflow';

export function DecisionStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Tag color={status === 'issued' ? 'green' : 'default'} data-testid="alloc-status">
      {status === 'issued' ? t('alloc.status.issued') : t('alloc.status.draft')}
    </Tag>
  );
}

export default function AllocationDecisionPage() {
  const { id = '' } = useParams();
  const { t, lang, errText } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: d, error, loading, reload } = useApi(allocationApi.one(id));
  const fundingSources = useTaxonomy('funding-sources');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [progress, setProgress] = useState<number | null>(null);
  // The original (when this is an amendment) and the amendments with their totals.
  const [chain, setChain] = useState<AllocationDecision[]>([]);
  useEffect(() => {
    if (!d) return;
    const ctl = new AbortController();
    const originalId = d.amends?.id;
    void (async () => {
      try {
        const original = originalId ? await load(allocationApi.one(originalId), ctl.signal) : d;
        const amendments = await Promise.all(original.amendedBy.map((a) => (String(a.id) === String(d.id) ? d : load(allocationApi.one(a.id), ctl.signal))));
        setChain([original, ...amendments]);
      } catch {
        setChain([]);
      }
    })();
    return () => ctl.abort();
  }, [d]);

  const source = (c: string) => localName(fundingSources.find((x) => x.code === c), lang, c);
  const act = async (fn: () => Promise<unknown>, ok: string) => {
    setBusy(true);
    setActionError(null);
    try {
      await fn();
      message.success(ok);
      reload();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };
  const send = async (file: File) => {
    setProgress(0);
    try {
      await allocationApi.attach(id, file, setProgress);
      message.success(t('alloc.attached'));
      reload();
    } catch (e) {
      setActionError(e);
    } finally {
      setProgress(null);
    }
  };

  if (loading && !d) return <Spin />;
  if (!d) return <ErrorAlert error={error} onRetry={reload} />;
  const isAmendment = d.amends !== null;
  const steps = chain.length
    ? amendmentTimeline(
        { ...chain[0], total: chain[0].total },
        chain.slice(1).map((a) => ({ id: a.id, number: a.number, decisionDate: a.decisionDate, status: a.status, total: a.total })),
      )
    : [];

  return (
    <div style={{ maxWidth: 1000 }} data-testid="alloc-detail">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} className="lg-page-title" style={{ marginBottom: 0 }}>
          {isAmendment ? t('alloc.amendmentOf', { number: d.number }) : t('alloc.decision', { number: d.number })}
        </Typography.Title>
        <DecisionStatusTag status={d.status} />
      </Space>
      <div style={{ margin: '8px 0 12px' }}>
        <Link to="/allocation-decisions">← {t('alloc.backToList')}</Link>
      </div>
      {actionError ? <Alert type="error" showIcon style={{ marginBottom: 12 }} message={errText(actionError)} data-testid="alloc-action-error" /> : null}
      <Space wrap style={{ marginBottom: 12 }}>
        {d.can.edit && (
          <Button icon={<EditOutlined />} onClick={() => navigate(`/allocation-decisions/${d.id}/edit`)} data-testid="alloc-edit">{t('common.edit')}</Button>
        )}
        {d.can.issue && (
          <Popconfirm title={t('alloc.issueConfirm')} okText={t('alloc.issue')} cancelText={t('common.cancel')}
            onConfirm={() => act(() => allocationApi.issue(d.id, d.version), t('alloc.issued'))} okButtonProps={{ 'data-testid': 'alloc-issue-ok' } as Record<string, string>}>
            <Button type="primary" icon={<SafetyCertificateOutlined />} loading={busy} data-testid="alloc-issue">{t('alloc.issue')}</Button>
          </Popconfirm>
        )}
        {d.can.amend && (
          <Button icon={<FileAddOutlined />} onClick={() => navigate(`/allocation-decisions/${d.amends?.id ?? d.id}/amend`)} data-testid="alloc-amend">{t('alloc.amend')}</Button>
        )}
        {d.can.delete && (
          <Popconfirm title={t('alloc.deleteConfirm')} onConfirm={() => act(async () => { await allocationApi.remove(d.id); navigate('/allocation-decisions'); }, t('alloc.deleted'))}>
            <Button danger icon={<DeleteOutlined />} data-testid="alloc-delete">{t('common.delete')}</Button>
          </Popconfirm>
        )}
      </Space>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('alloc.receiver')}>{d.orgUnit.name}</Descriptions.Item>
          <Descriptions.Item label={t('alloc.agency')}>{d.agency?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('alloc.year')}>{d.year}</Descriptions.Item>
          <Descriptions.Item label={t('alloc.issuingBody')}>{d.issuingBody}</Descriptions.Item>
          <Descriptions.Item label={t('alloc.number')}>{d.number}</Descriptions.Item>
          <Descriptions.Item label={t('alloc.date')}>{formatDate(d.decisionDate)}</Descriptions.Item>
          <Descriptions.Item label={t('alloc.plan')}>{d.plan ? <Link to={`/plans/${d.plan.id}`}>{d.plan.title}</Link> : '—'}</Descriptions.Item>
          {d.amends && (
            <Descriptions.Item label={t('alloc.amends')}>
              <Link to={`/allocation-decisions/${d.amends.id}`}>{d.amends.number} · {formatDate(d.amends.decisionDate)}</Link>
            </Descriptions.Item>
          )}
          {d.issuedAt && <Descriptions.Item label={t('alloc.issuedAt')}>{formatDateTime(d.issuedAt)}</Descriptions.Item>}
          {d.note && <Descriptions.Item label={t('alloc.note')}>{d.note}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title={t('alloc.lines')} style={{ marginBottom: 12 }}>
        <ListTable<AllocationLine>
          size="small"
          rowKey={(l) => String(l.id ?? l.position)}
          pagination={false}
          dataSource={d.lines}
          data-testid="alloc-lines"
          columns={[
            { title: t('alloc.planActivity'), key: 'pa', render: (_: unknown, l) => l.planActivity?.description ?? '—' },
            { title: t('budget.source'), dataIndex: 'fundingSource', render: (c: string) => source(c) },
            { title: t('money.hostProgramme'), dataIndex: 'programme', render: (p: { name: string } | null) => p?.name ?? '—' },
            { title: t('budget.amount'), dataIndex: 'amount', align: 'right', render: (n: number) => (isAmendment ? formatSigned(n) : formatMoney(n)) },
            { title: t('alloc.note'), dataIndex: 'note' },
          ]}
        />
        <Space direction="vertical" style={{ marginTop: 8, width: '100%', alignItems: 'flex-end' }} size={2}>
          <span>{t('alloc.total')}: <strong data-testid="alloc-total">{isAmendment ? formatSigned(d.total) : formatMoney(d.total)}</strong></span>
          {!isAmendment && <span>{t('alloc.effectiveTotal')}: <strong data-testid="alloc-effective-total">{formatMoney(d.effectiveTotal)}</strong></span>}
        </Space>
      </Card>
      {steps.length > 1 && (
        <Card size="small" title={t('alloc.timeline')} style={{ marginBottom: 12 }} data-testid="alloc-timeline">
          <Timeline
            items={steps.map((s, i) => ({
              color: s.status === 'issued' ? 'green' : 'gray',
              children: (
                <div data-testid="alloc-timeline-step">
                  <Link to={`/allocation-decisions/${s.id}`}>{s.number}</Link> · {formatDate(s.decisionDate)}{' '}
                  <DecisionStatusTag status={s.status} />
                  <div>
                    {i === 0 ? formatMoney(s.total) : formatSigned(s.total ?? 0)} → {t('alloc.running')}: <strong data-testid="alloc-running">{formatMoney(s.running)}</strong>
                  </div>
                </div>
              ),
            }))}
          />
        </Card>
      )}
      <Card size="small" title={t('alloc.attachments')} style={{ marginBottom: 12 }}>
        <List
          size="small"
          data-testid="alloc-attachments"
          locale={{ emptyText: t('alloc.noAttachments') }}
          dataSource={d.attachments ?? []}
          renderItem={(a) => (
            <List.Item
              actions={[
                <Button key="dl" size="small" icon={<DownloadOutlined />} href={allocationApi.attachmentUrl(d.id, a.id)}>{t('common.download')}</Button>,
                ...(d.status === 'draft' && d.can.attach
                  ? [<Button key="rm" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => void act(() => allocationApi.removeAttachment(d.id, a.id), t('alloc.detached'))} />]
                  : []),
              ]}
            >
              <List.Item.Meta title={a.filename} description={`${formatFileSize(a.size)} · ${formatDateTime(a.createdAt)}`} />
            </List.Item>
          )}
        />
        {d.can.attach && (
          <div style={{ marginTop: 8 }}>
            <FileUpload label={t('common.upload')} onPick={(f) => void send(f)} onProblem={(s) => message.error(s)} progress={progress} data-testid="alloc-upload" />
          </div>
        )}
      </Card>
    </div>
  );
}
