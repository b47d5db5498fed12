// /agencies: agencies of the programme, filtered by unit subtree, kind, name and date.
import { DatePicker, Form, Select, Space, Tag, Typography } from 'antd';
import type { Agency, AgencyRole, OrgUnitRef } from '../api/types';
import { formatDate, formatValidity, todayIso } from '../format';
import { isMessageKey, localName, useI18n } from '../i18n';
import { useAgencyKinds } from '../reference';
import { useApi } from '../useApi';
import { agencyApi } from '../api/orgUnits';
import { ErrorAlert } from '../components/ResultPages';
import { OrgUnitSelect } from '../components/OrgUnitSelect';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../components/dates';
import { FilterBar, SearchFilter, useListState, type ListSpec, ListTable } from '../components/list';

interface Filters {
  orgUnit?: string;
  kind?: string;
  q?: string;
  asOf?: string;
}

const LIST: ListSpec<Filters> = {
  filters: { orgUnit: 'string', kind: 'string', q: 'string', asOf: 'string' },
  sorts: ['name', 'validFrom'],
  defaultSort: 'name',
};

const unitText = (u: OrgUnitRef | null | undefined) => (u ? `${u.name} (${u.code})` : '—');

export default function AgenciesPage() {
  const { t, lang } = useI18n();
  const kinds = useAgencyKinds();
  const list = useListState<Filters>({ ...LIST, defaults: { asOf: todayIso() } });
  const { filters, setFilters: update } = list;
  const { data, loading, error, reload } = useApi(agencyApi.list(list.query));

  const kindLabel = (code: string) => localName(kinds.find((k) => k.code === code), lang, code);
  const roleLabel = (role: string) => {
    const key = `agency.role.${role}`;
    return isMessageKey(key) ? t(key) : role;
  };

  return (
    <div>
      <Typography.Title level={3} className="lg-page-title">
        {t('agency.title')}
      </Typography.Title>
      <FilterBar onClear={list.clearFilters}>
        <Form.Item label={t('agency.filterOrgUnit')}>
          <OrgUnitSelect
            allowClear
            value={filters.orgUnit}
            asOf={filters.asOf}
            onChange={(code) => update({ orgUnit: code })}
            style={{ width: 280 }}
            data-testid="agency-filter-orgunit"
          />
        </Form.Item>
        <Form.Item label={t('agency.filterKind')}>
          <Select
            allowClear
            style={{ width: 200 }}
            value={filters.kind}
            placeholder={t('common.all')}
            onChange={(kind?: string) => update({ kind })}
            options={kinds.map((k) => ({ value: k.code, label: localName(k, lang) }))}
            data-testid="agency-filter-kind"
          />
        </Form.Item>
        <SearchFilter value={filters.q} onSearch={(q) => update({ q })} placeholder={t('agency.filterText')} width={240} data-testid="agency-filter-text" />
        <Form.Item label={t('agency.asOf')}>
          <DatePicker
            value={isoToDayjs(filters.asOf)}
            format={DATE_FORMAT}
            placeholder={t('common.datePlaceholder')}
            onChange={(d) => update({ asOf: dayjsToIso(d) })}
            data-testid="agency-filter-asof"
          />
        </Form.Item>
      </FilterBar>
      <ErrorAlert error={error} onRetry={reload} />
      <ListTable<Agency>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="agencies-table"
        scroll={{ x: 900 }}
        pagination={list.pagination(data?.total)}
        onChange={list.onTableChange}
        columns={[
          {
            title: t('agency.name'),
            dataIndex: 'name',
            sorter: true,
            sortOrder: list.sortOrder('name'),
            render: (name: string, a) => (
              <Space direction="vertical" size={0}>
                <span>{name}</span>
                {a.shortName && a.shortName !== name && <Typography.Text type="secondary">{a.shortName}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('agency.kind'), dataIndex: 'kind', render: kindLabel, width: 160 },
          { title: t('agency.orgUnit'), dataIndex: 'orgUnit', render: unitText, width: 200 },
          {
            title: t('agency.validity'),
            key: 'validity',
            width: 210,
            render: (_, a) => formatValidity(a.validFrom, a.validTo),
          },
          {
            title: t('agency.roles'),
            dataIndex: 'roles',
            render: (roles: AgencyRole[] | undefined) =>
              roles?.length ? (
                <Space direction="vertical" size={2}>
                  {roles.map((r, i) => (
                    <Tag key={i} color="blue" style={{ whiteSpace: 'normal' }}>
                      {t('agency.roleLine', {
                        role: roleLabel(r.role),
                        unit: unitText(r.orgUnit),
                        from: formatDate(r.validFrom),
                        to: formatDate(r.validTo),
                      })}
                    </Tag>
                  ))}
                </Space>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </div>
  );
}
