// /activities: the activities recorded in the caller's scope and the people they reached —
// filters (period, unit subtree, intervention type, target group, agency, programme, funding
// source, planned or not), search without diacritics (the API folds them), sortable columns,
// the Excel/CSV export of the filtered list, and a drawer with one activity in full.
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  List,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import {
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  FileExcelOutlined,
  FileTextOutlined,
  PlusOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { activityApi } from '../api/api';
import { PERM, type Activity, type AgencyRef, type ReachRow } from '../api/types';
import { formatDateTime, formatNumber } from '../format';
import { localName, useI18n } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { activityReads } from '../api/activities';
import { attachmentUrl } from '../api/directives';
import { ErrorAlert } from '../components/ResultPages';
import { AgencyPicker } from '../components/AgencyPicker';
import { OrgUnitSelect } from '../components/OrgUnitSelect';
import { FileUpload } from '../components/FileUpload';
import { FilterBar, SearchFilter, useListState, type ListSpec, ListTable } from '../components/list';
import { programmeApi } from '../api/plans';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../components/dates';
import { ACTIVITY_SORTS, activityQuery, exportUrl, periodText, type ActivityFilters } from '../activities';
import { formatFileSize } from '../workflow';
import { PlannedTag, useActivityTaxonomies } from './ActivityParts';

type Id = string | number;

/** The list's state in the address: the filters under the API's own names, sort, page. */
const ACTIVITY_LIST: ListSpec<ActivityFilters> = {
  filters: {
    q: 'string',
    from: 'string',
    to: 'string',
    orgUnit: 'string',
    interventionType: 'string',
    targetGroup: 'string',
    agencyId: 'id',
    programmeId: 'id',
    fundingSource: 'string',
    planned: 'bool',
  },
  sorts: ACTIVITY_SORTS,
  defaultSort: '-startDate',
};

/** Photos and documents an activity may carry as evidence (docs/api-activities.md). */
const EVIDENCE_EXTENSIONS = ['pdf', 'docx', 'jpg', 'jpeg', 'png'];
const EVIDENCE_ACCEPT = '.pdf,.docx,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

export default function ActivitiesPage() {
  const { t, lang } = useI18n();
  const { me, can } = useSession();
  const tax = useActivityTaxonomies();
  const list = useListState(ACTIVITY_LIST);
  const { filters, sort, setFilters: update, sortOrder } = list;
  const [openId, setOpenId] = useState<Id | null>(null);
  const { data, loading, error, reload } = useApi(
    activityReads.list({ ...activityQuery(filters, sort), page: list.page, pageSize: list.pageSize }),
  );
  const programmes = useApi(programmeApi.list({ orgUnit: filters.orgUnit, pageSize: 500, sort: 'name' }));
  const capped = !!data?.totalCapped;

  const columns: TableColumnsType<Activity> = [
    {
      title: t('activity.period'),
      key: 'startDate',
      dataIndex: 'startDate',
      width: 120,
      sorter: true,
      sortOrder: sortOrder('startDate'),
      sortDirections: ['descend', 'ascend'],
      render: (_: unknown, a) =>
        a.startDate === a.endDate ? (
          periodText(a)
        ) : (
          <>
            {periodText({ startDate: a.startDate, endDate: a.startDate })} –<br />
            {periodText({ startDate: a.endDate, endDate: a.endDate })}
          </>
        ),
    },
    {
      title: t('activity.name'),
      key: 'title',
      dataIndex: 'title',
      sorter: true,
      sortOrder: sortOrder('title'),
      render: (title: string, a) => (
        <Space direction="vertical" size={0}>
          <a data-testid="activity-link">{title}</a>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {localName(a.interventionType, lang, a.interventionType?.code)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('activity.orgUnit'), dataIndex: 'orgUnit', width: 150, render: (u: Activity['orgUnit']) => u?.name ?? '—' },
    {
      title: t('activity.lead'),
      dataIndex: 'leadAgency',
      width: 170,
      render: (a: AgencyRef | null) => a?.shortName || a?.name || '—',
    },
    {
      title: t('activity.reached'),
      key: 'reachedTotal',
      dataIndex: 'reachedTotal',
      width: 120,
      align: 'right',
      sorter: true,
      sortOrder: sortOrder('reachedTotal'),
      sortDirections: ['descend', 'ascend'],
      render: (n: number) => formatNumber(n),
    },
    {
      title: t('activity.cost'),
      key: 'costTotal',
      dataIndex: 'costTotal',
      width: 130,
      align: 'right',
      sorter: true,
      sortOrder: sortOrder('costTotal'),
      sortDirections: ['descend', 'ascend'],
      render: (n: number) => formatNumber(n),
    },
    { title: t('activity.plan'), dataIndex: 'planned', width: 130, render: (p: boolean) => <PlannedTag planned={p} /> },
  ];

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
        <Typography.Title level={3} className="lg-page-title">
          {t('activity.title')}
        </Typography.Title>
        <Space wrap>
          {can(PERM.activitiesRecord) && (
            <>
              <Link to="/activities/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="activities-new">
                  {t('activity.quickEntry')}
                </Button>
              </Link>
              <Link to="/activities/import">
                <Button icon={<UploadOutlined />} data-testid="activities-import">
                  {t('menu.activityImport')}
                </Button>
              </Link>
            </>
          )}
          <Button icon={<FileExcelOutlined />} href={exportUrl(filters, 'xlsx', sort)} data-testid="activities-export-xlsx">
            {t('activity.exportXlsx')}
          </Button>
          <Button icon={<FileTextOutlined />} href={exportUrl(filters, 'csv', sort)} data-testid="activities-export-csv">
            {t('activity.exportCsv')}
          </Button>
        </Space>
      </Space>
      <FilterBar onClear={list.clearFilters} showClear={list.filtering}>
        <SearchFilter
          value={filters.q}
          onSearch={(q) => update({ q })}
          placeholder={t('activity.searchPlaceholder')}
          width={320}
          data-testid="activities-search"
        />
        <Form.Item label={t('activity.from')}>
          <DatePicker
            format={DATE_FORMAT}
            placeholder={t('common.datePlaceholder')}
            value={isoToDayjs(filters.from)}
            onChange={(d) => update({ from: dayjsToIso(d) })}
            data-testid="activities-from"
          />
        </Form.Item>
        <Form.Item label={t('activity.to')}>
          <DatePicker
            format={DATE_FORMAT}
            placeholder={t('common.datePlaceholder')}
            value={isoToDayjs(filters.to)}
            onChange={(d) => update({ to: dayjsToIso(d) })}
            data-testid="activities-to"
          />
        </Form.Item>
        <Form.Item label={t('activity.orgUnit')}>
          <OrgUnitSelect
            allowClear
            value={filters.orgUnit}
            onChange={(orgUnit) => update({ orgUnit, agencyId: undefined, programmeId: undefined })}
            style={{ width: 260 }}
            data-testid="activities-filter-org"
          />
        </Form.Item>
        <Form.Item label={t('activity.interventionType')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 260 }}
            placeholder={t('common.all')}
            value={filters.interventionType}
            onChange={(interventionType?: string) => update({ interventionType })}
            options={tax.options(tax.interventionTypes, true)}
            data-testid="activities-filter-type"
          />
        </Form.Item>
        <Form.Item label={t('activity.targetGroup')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 260 }}
            placeholder={t('common.all')}
            value={filters.targetGroup}
            onChange={(targetGroup?: string) => update({ targetGroup })}
            options={tax.options(tax.targetGroups, true)}
            popupMatchSelectWidth={false}
            data-testid="activities-filter-group"
          />
        </Form.Item>
        <Form.Item label={t('activity.agency')}>
          <AgencyPicker
            orgUnitCode={filters.orgUnit ?? me?.orgUnit.code}
            value={filters.agencyId ?? null}
            onChange={(v) => update({ agencyId: (v as Id | null) ?? undefined })}
            known={me?.agency ? [me.agency] : []}
            placeholder={t('common.all')}
            style={{ width: 240 }}
            data-testid="activities-filter-agency"
          />
        </Form.Item>
        <Form.Item label={t('activity.programme')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 240 }}
            placeholder={t('common.all')}
            value={filters.programmeId}
            onChange={(programmeId?: Id) => update({ programmeId })}
            options={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.year})` }))}
            popupMatchSelectWidth={false}
            data-testid="activities-filter-programme"
          />
        </Form.Item>
        <Form.Item label={t('activity.fundingSource')}>
          <Select
            allowClear
            style={{ width: 220 }}
            placeholder={t('common.all')}
            value={filters.fundingSource}
            onChange={(fundingSource?: string) => update({ fundingSource })}
            options={tax.options(tax.fundingSources, true)}
            popupMatchSelectWidth={false}
            data-testid="activities-filter-source"
          />
        </Form.Item>
        <Form.Item label={t('activity.plan')}>
          <Select
            allowClear
            style={{ width: 170 }}
            placeholder={t('common.all')}
            value={filters.planned === undefined ? undefined : filters.planned ? 'true' : 'false'}
            onChange={(v?: string) => update({ planned: v === undefined ? undefined : v === 'true' })}
            options={[
              { value: 'true', label: t('activity.planned') },
              { value: 'false', label: t('activity.unplanned') },
            ]}
            data-testid="activities-filter-planned"
          />
        </Form.Item>
      </FilterBar>
      <ErrorAlert error={error} onRetry={reload} />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('activity.found')}{' '}
        <strong data-testid="activities-total">
          {data ? (capped ? t('common.moreThan', { n: formatNumber(data.total) }) : formatNumber(data.total)) : '…'}
        </strong>
      </Typography.Paragraph>
      <ListTable<Activity>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="activities-table"
        scroll={{ x: 1100 }}
        columns={columns}
        onRow={(a) => ({ onClick: () => setOpenId(a.id), style: { cursor: 'pointer' } })}
        onChange={list.onTableChange}
        pagination={list.pagination(data?.total, capped)}
      />
      <ActivityDrawer
        id={openId}
        onClose={() => setOpenId(null)}
        onDeleted={() => {
          setOpenId(null);
          reload();
        }}
      />
    </div>
  );
}

function ActivityDrawer({ id, onClose, onDeleted }: { id: Id | null; onClose: () => void; onDeleted: () => void }) {
  const { t, lang, errText } = useI18n();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const tax = useActivityTaxonomies();
  const { data: a, loading, error, reload } = useApi(id === null ? null : activityReads.one(id));
  const [progress, setProgress] = useState<number | null>(null);
  const mayRecord = can(PERM.activitiesRecord);

  const send = async (file: File) => {
    if (id === null) return;
    setProgress(0);
    try {
      await activityApi.attach(id, file, setProgress);
      message.success(t('directive.uploaded', { name: file.name }));
      reload();
    } catch (e) {
      message.error(errText(e));
    } finally {
      setProgress(null);
    }
  };

  const remove = () => {
    if (!a) return;
    modal.confirm({
      title: t('activity.deleteConfirm', { title: a.title }),
      okText: t('common.delete'),
      okButtonProps: { danger: true, 'data-testid': 'activity-delete-ok' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await activityApi.remove(a.id, a.version);
          message.success(t('activity.deleted'));
          onDeleted();
        } catch (e) {
          message.error(errText(e));
        }
      },
    });
  };

  const ageText = (r: ReachRow) =>
    Object.entries(r.ages ?? {})
      .filter(([, n]) => typeof n === 'number')
      .map(([band, n]) => `${tax.bandName(band)}: ${formatNumber(n)}`)
      .join('; ') || '—';

  const reachTotals = useMemo(() => {
    const rows = a?.reach ?? [];
    const sum = (k: 'female' | 'male') => (rows.some((r) => r[k] !== null) ? rows.reduce((s, r) => s + (r[k] ?? 0), 0) : null);
    return { female: sum('female'), male: sum('male') };
  }, [a]);

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={860}
      title={a ? a.title : t('activity.detail')}
      data-testid="activity-drawer"
      destroyOnHidden
      extra={
        a &&
        mayRecord && (
          <Space>
            <Button icon={<EditOutlined />} data-testid="activity-edit" onClick={() => navigate(`/activities/${encodeURIComponent(String(a.id))}/edit`)}>
              {t('common.edit')}
            </Button>
            <Button danger icon={<DeleteOutlined />} data-testid="activity-delete" onClick={remove}>
              {t('common.delete')}
            </Button>
          </Space>
        )
      }
    >
      <ErrorAlert error={error} onRetry={reload} />
      {loading && !a && <Typography.Text>{t('common.loading')}</Typography.Text>}
      {a && (
        <>
          <Descriptions size="small" column={1} bordered data-testid="activity-detail">
            <Descriptions.Item label={t('activity.interventionType')}>{localName(a.interventionType, lang, a.interventionType?.code)}</Descriptions.Item>
            <Descriptions.Item label={t('activity.period')}>{periodText(a)}</Descriptions.Item>
            <Descriptions.Item label={t('activity.orgUnit')}>{a.orgUnit?.name}</Descriptions.Item>
            <Descriptions.Item label={t('activity.lead')}>{a.leadAgency?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('activity.partners')}>
              {a.partners?.length ? (
                <Space size={[4, 4]} wrap>
                  {a.partners.map((p) => (
                    <Tag key={String(p.id)}>{p.shortName || p.name}</Tag>
                  ))}
                </Space>
              ) : (
                '—'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('activity.plan')}>
              <Space wrap>
                <PlannedTag planned={a.planned} />
                {a.planActivity && (
                  <Link to={`/plans/${encodeURIComponent(String(a.planActivity.planId))}`}>
                    {a.planActivity.planTitle}: {a.planActivity.description}
                  </Link>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('activity.programmes')}>
              {a.programmes?.length ? a.programmes.map((p) => p.name).join('; ') : '—'}
            </Descriptions.Item>
            {a.note ? <Descriptions.Item label={t('common.note')}>{a.note}</Descriptions.Item> : null}
            <Descriptions.Item label={t('activity.recordedBy')}>
              {a.createdBy} · {formatDateTime(a.createdAt)} · {t(`activity.source.${a.source === 'import' || a.source === 'demo' ? a.source : 'form'}`)}
            </Descriptions.Item>
          </Descriptions>

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('activity.reachTitle')} ({formatNumber(a.reachedTotal)})
          </Typography.Title>
          <Table<ReachRow>
            size="small"
            rowKey="targetGroup"
            pagination={false}
            dataSource={a.reach ?? []}
            data-testid="activity-reach"
            locale={{ emptyText: t('plan.empty') }}
            columns={[
              { title: t('activity.targetGroup'), dataIndex: 'targetGroup', render: (c: string) => tax.groupName(c) },
              { title: t('activity.total'), dataIndex: 'total', width: 100, align: 'right', render: (n: number) => formatNumber(n) },
              { title: t('activity.female'), dataIndex: 'female', width: 90, align: 'right', render: (n: number | null) => formatNumber(n) },
              { title: t('activity.male'), dataIndex: 'male', width: 90, align: 'right', render: (n: number | null) => formatNumber(n) },
              { title: t('activity.ages'), key: 'ages', width: 220, render: (_: unknown, r) => ageText(r) },
            ]}
            summary={() =>
              (a.reach?.length ?? 0) > 1 ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <strong>{t('budget.total')}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <strong>{formatNumber(a.reachedTotal)}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {formatNumber(reachTotals.female)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {formatNumber(reachTotals.male)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} />
                </Table.Summary.Row>
              ) : null
            }
          />

          <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', marginTop: 20 }}>
            <div style={{ flex: '1 1 360px' }}>
              <Typography.Title level={5}>{t('activity.outputsTitle')}</Typography.Title>
              <Table
                size="small"
                rowKey="kind"
                pagination={false}
                dataSource={a.outputs ?? []}
                data-testid="activity-outputs"
                locale={{ emptyText: t('plan.empty') }}
                columns={[
                  { title: t('activity.outputKind'), dataIndex: 'kind', render: (c: string) => tax.kindName(c) },
                  { title: t('activity.quantity'), dataIndex: 'quantity', width: 130, align: 'right', render: (n: number) => formatNumber(n) },
                ]}
              />
            </div>
            <div style={{ flex: '1 1 360px' }}>
              <Typography.Title level={5}>
                {t('activity.costsTitle')} ({formatNumber(a.costTotal)} {t('activity.vnd')})
              </Typography.Title>
              <Table
                size="small"
                rowKey="fundingSource"
                pagination={false}
                dataSource={a.costs ?? []}
                data-testid="activity-costs"
                locale={{ emptyText: t('plan.empty') }}
                columns={[
                  { title: t('budget.source'), dataIndex: 'fundingSource', render: (c: string) => tax.sourceName(c) },
                  { title: t('budget.amount'), dataIndex: 'amount', width: 150, align: 'right', render: (n: number) => formatNumber(n) },
                ]}
              />
            </div>
          </div>

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('activity.evidence')}
          </Typography.Title>
          <List
            size="small"
            bordered
            data-testid="activity-attachments"
            locale={{ emptyText: t('directive.noAttachments') }}
            dataSource={a.attachments ?? []}
            renderItem={(f) => (
              <List.Item
                actions={[
                  <Button key="dl" size="small" icon={<DownloadOutlined />} href={attachmentUrl(f)}>
                    {t('common.download')}
                  </Button>,
                ]}
              >
                <List.Item.Meta title={f.filename} description={`${formatFileSize(f.size)} · ${f.createdBy} · ${formatDateTime(f.createdAt)}`} />
              </List.Item>
            )}
          />
          {mayRecord && (
            <div style={{ marginTop: 8 }}>
              <FileUpload
                label={t('common.upload')}
                onPick={(f) => void send(f)}
                onProblem={(s) => message.error(s)}
                progress={progress}
                extensions={EVIDENCE_EXTENSIONS}
                accept={EVIDENCE_ACCEPT}
                hint={t('activity.evidenceHint')}
                wrongType={t('activity.evidenceWrongType')}
                data-testid="activity-upload"
              />
            </div>
          )}
        </>
      )}
    </Drawer>
  );
}
