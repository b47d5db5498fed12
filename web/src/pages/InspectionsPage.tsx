// /inspections: the inspection records (biên bản kiểm tra, docs/api-inspections.md) with filters
// (year, unit, plan, status, overdue re-inspections), the re-inspections due in the next 30 days,
// and "Lập biên bản". Cards on a phone.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Checkbox, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { PERM } from '../api/types';
import { inspectionApi, itemsOf, type InspectionListItem } from '../api/inspections';
import { formatDate, formatNumber, todayIso } from '../format';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { ErrorAlert } from '../components/ResultPages';
import { ListTable } from '../components/list';
import { OrgUnitSelect } from '../components/OrgUnitSelect';

const PAGE_SIZE = 20;

export function InspectionTags({ x }: { x: Pick<InspectionListItem, 'unannounced' | 'status' | 'reinspectionOverdue'> }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      <Tag color={x.status === 'final' ? 'green' : 'default'} data-testid="insp-status-tag">
        {x.status === 'final' ? t('insp.status.final') : t('insp.status.draft')}
      </Tag>
      {x.unannounced && <Tag color="purple">{t('insp.unannounced')}</Tag>}
      {x.reinspectionOverdue && <Tag color="red">{t('insp.reinspectionOverdue')}</Tag>}
    </Space>
  );
}

export function inspectionColumns(t: ReturnType<typeof useI18n>['t']) {
  return [
    {
      title: t('insp.business'),
      key: 'business',
      render: (_: unknown, x: InspectionListItem) => (
        <Link to={`/inspections/${x.id}`} data-testid="insp-open"><strong>{x.business.name}</strong></Link>
      ),
    },
    { title: t('insp.code'), dataIndex: 'code', render: (c: string, x: InspectionListItem) => <Link to={`/inspections/${x.id}`}>{c}</Link> },
    { title: t('insp.inspectedOn'), dataIndex: 'inspectedOn', render: (d: string) => formatDate(d) },
    { title: t('insp.commune'), key: 'commune', render: (_: unknown, x: InspectionListItem) => x.commune?.orgUnit?.name ?? '—' },
    { title: t('insp.violations'), dataIndex: 'violations', render: (n: number) => formatNumber(n) },
    { title: t('insp.fineTotal'), dataIndex: 'fineTotal', render: (n: number) => `${formatNumber(n)} đ` },
    { title: t('insp.reinspectionDue'), dataIndex: 'reinspectionDue', render: (d: string | null) => (d ? formatDate(d) : '') },
    { title: t('insp.statusLabel'), key: 'tags', render: (_: unknown, x: InspectionListItem) => <InspectionTags x={x} /> },
  ];
}

export default function InspectionsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const [year, setYear] = useState<number | null>(Number(todayIso().slice(0, 4)));
  const [orgUnit, setOrgUnit] = useState<string | undefined>();
  const [planId, setPlanId] = useState<number | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const { data: plans } = useApi(inspectionApi.plans({ year: year ?? undefined }));
  const { data, error, loading, reload } = useApi(
    inspectionApi.list({ year: year ?? undefined, orgUnit, planId, status, overdue, q: q || undefined, page, pageSize: PAGE_SIZE }),
  );
  const { data: due } = useApi(inspectionApi.due());
  const dueItems = itemsOf(due);
  const writer = can(PERM.inspectionsWrite);
  const reset = <T,>(set: (v: T) => void) => (v: T) => { set(v); setPage(1); };

  return (
    <div style={{ maxWidth: 1100 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%', flexWrap: 'wrap' }}>
        <Typography.Title level={3} className="lg-page-title">{t('insp.title')}</Typography.Title>
        {writer && (
          <Button type="primary" icon={<FormOutlined />} onClick={() => navigate('/inspections/new')} data-testid="insp-new">
            {t('insp.new')}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary">{t('insp.hint')}</Typography.Paragraph>
      {dueItems.length > 0 && (
        <Card size="small" title={t('insp.duePanel')} style={{ marginBottom: 12 }} data-testid="insp-due">
          {dueItems.slice(0, 10).map((x) => (
            <div key={x.id} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 6 }}>
              <Link to={`/inspections/${x.id}`}>{x.business.name}</Link>
              <Tag color={x.reinspectionOverdue ? 'red' : 'orange'}>
                {x.reinspectionOverdue ? t('insp.reinspectionOverdue') : t('insp.reinspectionDue')} · {formatDate(x.reinspectionDue)}
              </Tag>
              {writer && (
                <Button size="small" onClick={() => navigate(`/inspections/new?businessId=${x.business.id}&reinspectionOf=${x.id}`)}>
                  {t('insp.reinspect')}
                </Button>
              )}
            </div>
          ))}
        </Card>
      )}
      <ErrorAlert error={error} onRetry={reload} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear style={{ width: 220, maxWidth: '100%' }} placeholder={t('insp.search')} value={text}
          onChange={(e) => setText(e.target.value)} onSearch={(v) => { setQ(v.trim()); setPage(1); }} data-testid="insp-search" />
        <InputNumber style={{ width: 110 }} min={2000} max={2100} placeholder={t('insp.year')} value={year}
          onChange={(v) => { setYear(v ?? null); setPlanId(undefined); setPage(1); }} data-testid="insp-year" />
        <OrgUnitSelect allowClear style={{ width: 220, maxWidth: '100%' }} placeholder={t('insp.unit')} value={orgUnit}
          onChange={(v: string | undefined) => { setOrgUnit(v || undefined); setPage(1); }} />
        <Select allowClear style={{ width: 220, maxWidth: '100%' }} popupMatchSelectWidth={false} placeholder={t('insp.plan')} value={planId}
          onChange={reset(setPlanId)} options={itemsOf(plans).map((p) => ({ value: p.id, label: p.title }))} data-testid="insp-plan-filter" />
        <Select allowClear style={{ width: 150 }} placeholder={t('insp.statusLabel')} value={status} onChange={reset(setStatus)}
          options={[{ value: 'draft', label: t('insp.status.draft') }, { value: 'final', label: t('insp.status.final') }]} />
        <Checkbox checked={overdue} onChange={(e) => { setOverdue(e.target.checked); setPage(1); }} data-testid="insp-overdue">
          {t('insp.overdueOnly')}
        </Checkbox>
      </Space>
      <ListTable<InspectionListItem>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        locale={{ emptyText: t('insp.empty') }}
        data-testid="insp-table"
        columns={inspectionColumns(t)}
      />
    </div>
  );
}
