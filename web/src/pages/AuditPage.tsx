// /audit: who changed what, newest first; a row opens to show the record before and after.
import { useMemo } from 'react';
import { Button, DatePicker, Form, Input, Select, Table, Tag, Typography } from 'antd';
import type { AuditEntry } from '../api/types';
import { diffRows, recordName, showValue, type DiffRow } from '../auditDiff';
import { formatDateTime } from '../format';
import { isMessageKey, useI18n } from '../i18n';
import { useApi } from '../useApi';
import { ErrorAlert } from '../components/ResultPages';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../components/dates';
import { FilterBar, useDraft, useListState, type ListSpec } from '../components/list';
import { auditApi } from '../api/users';
import { indicatorReads } from '../api/reports';
import { PERM } from '../api/types';
import { useSession } from '../session';

interface Filters {
  entity?: string;
  entityId?: string;
  username?: string;
  action?: string;
  from?: string;
  to?: string;
}

const ENTITIES = ['user', 'agency', 'agency_role', 'org_unit', 'lineage_event', 'activity', 'attachment', 'boundaries', 'demo_activities', 'directive', 'indicator_target', 'integration_plan', 'plan_evaluation', 'programme', 'report', 'report_request', 'survey', 'task', 'task_update', 'task_extension', 'mail_test', 'api_token'];
const LIST: ListSpec<Filters> = {
  filters: { entity: 'string', entityId: 'string', username: 'string', action: 'string', from: 'string', to: 'string' },
};

const ACTION_COLORS: Record<string, string> = { create: 'green', update: 'blue', delete: 'red' };

export default function AuditPage() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const list = useListState(LIST);
  const { filters, setFilters: update } = list;
  // The id and user name are typed, then applied with "Tìm kiếm" (or Enter).
  const [entityId, setEntityId] = useDraft(filters.entityId);
  const [username, setUsername] = useDraft(filters.username);
  const { data, loading, error, reload } = useApi(auditApi.list(list.query));
  // Targets are named by their indicator (only when a target's entry is on the page).
  const hasTargets = !!data?.items.some((e) => e.entity === 'indicator_target');
  const defs = useApi(hasTargets && can(PERM.indicatorsRead) ? indicatorReads.definitions() : null);
  const indicatorNames = useMemo(
    () => new Map((defs.data?.items ?? []).map((d) => [d.code, lang === 'en' ? d.nameEn || d.name : d.name])),
    [defs.data, lang],
  );

  const label = (prefix: string, code: string) => {
    const key = `${prefix}.${code}`;
    return isMessageKey(key) ? t(key) : code;
  };

  return (
    <div>
      <Typography.Title level={3} className="lg-page-title">
        {t('audit.title')}
      </Typography.Title>
      <FilterBar
        onSubmit={() => update({ entityId: entityId.trim() || undefined, username: username.trim() || undefined })}
        onClear={() => {
          setEntityId('');
          setUsername('');
          list.clearFilters();
        }}
      >
        <Form.Item label={t('audit.entity')}>
          <Select
            allowClear
            style={{ width: 200 }}
            placeholder={t('common.all')}
            value={filters.entity}
            onChange={(entity?: string) => update({ entity })}
            options={ENTITIES.map((e) => ({ value: e, label: label('audit.entity', e) }))}
            data-testid="audit-filter-entity"
          />
        </Form.Item>
        <Form.Item label={t('audit.entityId')}>
          <Input
            allowClear
            style={{ width: 140 }}
            value={entityId}
            onChange={(e) => setEntityId(e.target.value)}
            data-testid="audit-filter-entityid"
          />
        </Form.Item>
        <Form.Item label={t('audit.username')}>
          <Input
            allowClear
            style={{ width: 160 }}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            data-testid="audit-filter-username"
          />
        </Form.Item>
        <Form.Item label={t('audit.action')}>
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('common.all')}
            value={filters.action}
            onChange={(action?: string) => update({ action })}
            options={['create', 'update', 'delete'].map((a) => ({ value: a, label: label('audit.action', a) }))}
            data-testid="audit-filter-action"
          />
        </Form.Item>
        <Form.Item label={t('audit.period')}>
          <DatePicker.RangePicker
            format={DATE_FORMAT}
            placeholder={[t('common.datePlaceholder'), t('common.datePlaceholder')]}
            value={[isoToDayjs(filters.from), isoToDayjs(filters.to)]}
            allowEmpty={[true, true]}
            onChange={(r) => update({ from: dayjsToIso(r?.[0]), to: dayjsToIso(r?.[1]) })}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
        </Form.Item>
      </FilterBar>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="audit-table"
        scroll={{ x: 900 }}
        pagination={list.pagination(data?.total)}
        expandable={{
          expandedRowRender: (e) => <AuditDiff entry={e} />,
          rowExpandable: (e) => !!(e.before || e.after),
        }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', width: 160, render: (at: string) => formatDateTime(at) },
          {
            title: t('audit.username'),
            dataIndex: 'username',
            width: 160,
            // a change made with an API token (issue 21): the owner, marked with the token
            render: (u: string, e) => (
              <span>
                {u}
                {e.token && (
                  <div>
                    <Tag color="purple" data-testid="audit-token">{t('audit.viaToken', { name: e.token.name })}</Tag>
                  </div>
                )}
              </span>
            ),
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            width: 120,
            render: (a: string) => <Tag color={ACTION_COLORS[a]}>{label('audit.action', a)}</Tag>,
          },
          { title: t('audit.entity'), dataIndex: 'entity', render: (e: string) => label('audit.entity', e) },
          {
            title: t('audit.record'),
            dataIndex: 'entityId',
            render: (id: string | number, e) => {
              const name = recordName(e, lang, indicatorNames);
              return (
                <span data-testid="audit-record">
                  {name || `#${id}`}
                  {name && <Typography.Text type="secondary" style={{ fontSize: 12 }}> · #{id}</Typography.Text>}
                </span>
              );
            },
          },
          {
            title: t('audit.orgUnit'),
            dataIndex: 'orgUnitCode',
            width: 180,
            render: (c: string | null, e) => (c ? (e.orgUnitName ? `${e.orgUnitName} (${c})` : c) : '—'),
          },
        ]}
      />
    </div>
  );
}

function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  const rows = diffRows(entry.before, entry.after);
  const cell = (present: boolean, v: unknown) => (present ? <pre>{showValue(v)}</pre> : '—');
  return (
    <Table<DiffRow>
      className="lg-diff"
      size="small"
      pagination={false}
      rowKey="field"
      dataSource={rows}
      data-testid="audit-diff"
      locale={{ emptyText: t('audit.noData') }}
      rowClassName={(r) => (r.changed && entry.before && entry.after ? 'lg-diff-changed' : '')}
      columns={[
        { title: t('audit.field'), dataIndex: 'field', width: 180, render: (f: string) => <code>{f}</code> },
        { title: t('audit.before'), key: 'before', render: (_, r) => cell(r.hasBefore, r.before) },
        { title: t('audit.after'), key: 'after', render: (_, r) => cell(r.hasAfter, r.after) },
      ]}
    />
  );
}
