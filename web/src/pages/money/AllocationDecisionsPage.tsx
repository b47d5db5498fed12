// /allocation-decisions: "Quyết định giao kinh phí" (docs/api-money.md §2) — the decisions of a
// unit's subtree with filters (unit, year, status, search ignoring diacritics on the server),
// newest first; "Lập quyết định" for holders of money.allocate. Cards on a phone.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { PERM } from '../../api/types';
import { allocationApi, type AllocationDecisionSummary } from '../../api/money';
import { formatDate, todayIso } from '../../format';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { useApi } from '../../useApi';
import { ErrorAlert } from '../../components/ResultPages';
import { ListTable } from '../../components/list';
import { OrgUnitSelect } from '../../components/OrgUnitSelect';
import { formatMoney, formatSigned } from '../../money';
import { DecisionStatusTag } from './AllocationDecisionPage';

const PAGE_SIZE = 20;

export default function AllocationDecisionsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const [year, setYear] = useState<number | null>(Number(todayIso().slice(0, 4)));
  const [orgUnit, setOrgUnit] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApi(
    allocationApi.list({ year: year ?? undefined, orgUnit, status, q: q || undefined, page, pageSize: PAGE_SIZE }),
  );
  const writer = can(PERM.moneyAllocate);
  return (
    <div style={{ maxWidth: 1100 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%', flexWrap: 'wrap' }}>
        <Typography.Title level={3} className="lg-page-title">{t('alloc.title')}</Typography.Title>
        {writer && (
          <Button type="primary" icon={<FormOutlined />} onClick={() => navigate('/allocation-decisions/new')} data-testid="alloc-new">
            {t('alloc.new')}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary">{t('alloc.hint')} <Link to="/money">{t('menu.money')}</Link></Typography.Paragraph>
      <ErrorAlert error={error} onRetry={reload} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear style={{ width: 240, maxWidth: '100%' }} placeholder={t('alloc.search')} value={text}
          onChange={(e) => setText(e.target.value)} onSearch={(v) => { setQ(v.trim()); setPage(1); }} data-testid="alloc-search" />
        <InputNumber style={{ width: 110 }} min={2000} max={2100} placeholder={t('alloc.year')} value={year}
          onChange={(v) => { setYear(v ?? null); setPage(1); }} data-testid="alloc-year-filter" />
        <OrgUnitSelect allowClear style={{ width: 220, maxWidth: '100%' }} placeholder={t('alloc.receiver')} value={orgUnit}
          onChange={(v: string | undefined) => { setOrgUnit(v || undefined); setPage(1); }} />
        <Select allowClear style={{ width: 170 }} placeholder={t('alloc.statusLabel')} value={status}
          onChange={(v) => { setStatus(v); setPage(1); }} data-testid="alloc-status-filter"
          options={[{ value: 'draft', label: t('alloc.status.draft') }, { value: 'issued', label: t('alloc.status.issued') }]} />
      </Space>
      <ListTable<AllocationDecisionSummary>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        locale={{ emptyText: t('alloc.empty') }}
        data-testid="alloc-table"
        columns={[
          {
            title: t('alloc.number'),
            key: 'number',
            render: (_: unknown, x) => (
              <Link to={`/allocation-decisions/${x.id}`} data-testid="alloc-open">
                <strong>{x.number}</strong>
                {x.amends && <Tag style={{ marginLeft: 6 }}>{t('alloc.amendmentTag')}</Tag>}
              </Link>
            ),
          },
          { title: t('alloc.date'), dataIndex: 'decisionDate', render: (d: string) => formatDate(d) },
          { title: t('alloc.issuingBody'), dataIndex: 'issuingBody' },
          { title: t('alloc.receiver'), key: 'unit', render: (_: unknown, x) => x.orgUnit.name },
          {
            title: t('alloc.total'),
            key: 'total',
            align: 'right',
            render: (_: unknown, x) => (x.amends ? formatSigned(x.total) : formatMoney(x.total)),
          },
          {
            title: t('alloc.effectiveTotal'),
            key: 'effective',
            align: 'right',
            render: (_: unknown, x) => (x.amends ? '' : formatMoney(x.effectiveTotal)),
          },
          { title: t('alloc.statusLabel'), key: 'status', render: (_: unknown, x) => <DecisionStatusTag status={x.status} /> },
        ]}
      />
    </div>
  );
}
