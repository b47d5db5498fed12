// /agencies: agencies of the programme, filtered by unit subtree, kind, name and date.
import { useState } from 'react';
import { Button, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Agency, AgencyRole, OrgUnitRef, Page } from '../api/types';
import { formatDate, formatValidity, todayIso } from '../format';
import { isMessageKey, localName, useI18n } from '../i18n';
import { useAgencyKinds } from '../reference';
import { useApi } from '../useApi';
import { ErrorAlert } from '../components/ResultPages';
import { OrgUnitSelect } from '../components/OrgUnitSelect';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../components/dates';
import { pagination, sortParam } from '../components/paging';

interface Filters {
  orgUnit?: string;
  kind?: string;
  q?: string;
  asOf?: string;
}

const unitText = (u: OrgUnitRef | null | undefined) => (u ? `${u.name} (${u.code})` : '—');

export default function AgenciesPage() {
  const { t, lang } = useI18n();
  const kinds = useAgencyKinds();
  const [filters, setFilters] = useState<Filters>({ asOf: todayIso() });
  const [text, setText] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [sort, setSort] = useState<string | undefined>('name');

  const { data, loading, error, reload } = useApi<Page<Agency>>('/api/agencies', {
    ...filters,
    page,
    pageSize,
    sort,
  });

  const update = (f: Partial<Filters>) => {
    setFilters((old) => ({ ...old, ...f }));
    setPage(1);
  };

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
      <Form layout="inline" className="lg-filters" style={{ rowGap: 8 }}>
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
        <Form.Item>
          <Input.Search
            allowClear
            placeholder={t('agency.filterText')}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              if (!e.target.value) update({ q: undefined });
            }}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            style={{ width: 240 }}
            data-testid="agency-filter-text"
          />
        </Form.Item>
        <Form.Item label={t('agency.asOf')}>
          <DatePicker
            value={isoToDayjs(filters.asOf)}
            format={DATE_FORMAT}
            placeholder={t('common.datePlaceholder')}
            onChange={(d) => update({ asOf: dayjsToIso(d) })}
            data-testid="agency-filter-asof"
          />
        </Form.Item>
        <Form.Item>
          <Button
            onClick={() => {
              setText('');
              setFilters({ asOf: todayIso() });
              setPage(1);
            }}
          >
            {t('common.clearFilters')}
          </Button>
        </Form.Item>
      </Form>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Agency>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="agencies-table"
        scroll={{ x: 900 }}
        pagination={pagination(t, page, pageSize, data?.total, (p, s) => {
          setPage(s !== pageSize ? 1 : p);
          setPageSize(s);
        })}
        onChange={(_, __, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          setSort(sortParam(s?.field, s?.order) ?? 'name');
        }}
        columns={[
          {
            title: t('agency.name'),
            dataIndex: 'name',
            sorter: true,
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
