// /cases: people supported, by client code only (never a name), filtered by status, commune
// and target group; cards on a phone (the list kit).
import { Button, Form, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { PERM } from '../api/types';
import { caseApi, CASE_STATUSES, type Case } from '../api/cases';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { ErrorAlert } from '../components/ResultPages';
import { OrgUnitSelect } from '../components/OrgUnitSelect';
import { FilterBar, ListTable, useListState, type ListSpec } from '../components/list';
import { useCaseLabels } from './casesShared';

interface Filters {
  status?: string;
  orgUnit?: string;
  targetGroup?: string;
}

const LIST: ListSpec<Filters> = {
  filters: { status: 'string', orgUnit: 'string', targetGroup: 'string' },
  sorts: ['code', 'registeredOn'],
  defaultSort: '-code',
};

export default function CasesPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const labels = useCaseLabels();
  const list = useListState<Filters>(LIST);
  const { filters, setFilters: update } = list;
  const { data, loading, error, reload } = useApi(caseApi.list(list.query));

  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%', flexWrap: 'wrap' }}>
        <Typography.Title level={3} className="lg-page-title">
          {t('cases.title')}
        </Typography.Title>
        {can(PERM.casesRecord) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cases/new')} data-testid="cases-new">
            {t('cases.new')}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary">{t('cases.codesOnly')}</Typography.Paragraph>
      <FilterBar onClear={list.clearFilters} showClear={!!(filters.status || filters.orgUnit || filters.targetGroup)}>
        <Form.Item label={t('cases.status')}>
          <Select
            allowClear
            style={{ width: 160 }}
            value={filters.status}
            placeholder={t('common.all')}
            onChange={(status?: string) => update({ status })}
            options={[...CASE_STATUSES, 'anonymised' as const].map((s) => ({ value: s, label: labels.statusLabel(s) }))}
            data-testid="cases-filter-status"
          />
        </Form.Item>
        <Form.Item label={t('cases.filterCommune')}>
          <OrgUnitSelect
            allowClear
            value={filters.orgUnit}
            onChange={(code) => update({ orgUnit: code })}
            style={{ width: 260, maxWidth: '100%' }}
            data-testid="cases-filter-orgunit"
          />
        </Form.Item>
        <Form.Item label={t('cases.filterTargetGroup')}>
          <Select
            allowClear
            style={{ width: 240, maxWidth: '100%' }}
            value={filters.targetGroup}
            placeholder={t('common.all')}
            onChange={(targetGroup?: string) => update({ targetGroup })}
            options={labels.harmGroups.map((g) => ({ value: g.code, label: labels.groupLabel(g.code) }))}
            data-testid="cases-filter-group"
          />
        </Form.Item>
      </FilterBar>
      <ErrorAlert error={error} onRetry={reload} />
      <ListTable<Case>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="cases-table"
        pagination={list.pagination(data?.total)}
        onChange={list.onTableChange}
        onRow={(c) => ({ onClick: () => navigate(`/cases/${c.id}`), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('cases.code'),
            dataIndex: 'code',
            sorter: true,
            sortOrder: list.sortOrder('code'),
            render: (code: string, c) => (
              <a onClick={() => navigate(`/cases/${c.id}`)} data-testid="case-code">
                {code}
              </a>
            ),
          },
          {
            title: t('cases.residence'),
            key: 'residence',
            render: (_, c) => (c.residence.orgUnit ? `${c.residence.orgUnit.name} (${c.residence.orgUnit.code})` : '—'),
          },
          { title: t('cases.birthYear'), dataIndex: 'birthYear', width: 100, render: (y: number | null) => y ?? '—' },
          { title: t('cases.sex'), dataIndex: 'sex', width: 100, render: labels.sexLabel },
          {
            title: t('cases.targetGroups'),
            dataIndex: 'targetGroups',
            render: (gs: string[]) => (
              <Space size={[4, 4]} wrap>
                {gs.map((g) => (
                  <Tag key={g} style={{ whiteSpace: 'normal' }}>
                    {labels.groupLabel(g)}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('cases.status'),
            dataIndex: 'status',
            width: 120,
            render: (s: string) => <Tag color={s === 'open' ? 'green' : 'default'}>{labels.statusLabel(s)}</Tag>,
          },
          {
            title: t('cases.registeredOn'),
            dataIndex: 'registeredOn',
            width: 130,
            sorter: true,
            sortOrder: list.sortOrder('registeredOn'),
            render: (d: string) => formatDate(d),
          },
        ]}
      />
    </div>
  );
}
