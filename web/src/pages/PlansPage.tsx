// /plans: the integration plans in the caller's scope (latest version of each), filters, and
// "Lập kế hoạch" for holders of plans.edit.
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { PERM, type AgencyRef, type OrgUnitRef, type Page, type PlanSummary } from '../api/types';
import { formatDate, formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { planApi } from '../api/plans';
import { ErrorAlert } from '../components/ResultPages';
import { AgencyPicker } from '../components/AgencyPicker';
import { OrgUnitSelect } from '../components/OrgUnitSelect';
import { FilterBar, SearchFilter, useListState, type ListControl, type ListSpec, ListTable } from '../components/list';
import { PlanStatusTag } from './PlansStatusTag';
import { PLAN_STATUSES } from '../workflow';

interface Filters {
  q?: string;
  year?: number;
  status?: string;
  orgUnit?: string;
}

const LIST: ListSpec<Filters> = {
  filters: { q: 'string', year: 'int', status: 'string', orgUnit: 'string' },
  sorts: ['year', 'title', 'updatedAt'],
};

export default function PlansPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const list = useListState(LIST);
  const { filters, setFilters: update } = list;
  const [createOpen, setCreateOpen] = useState(false);
  const { data, loading, error, reload } = useApi(planApi.list(list.query));

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
        <Typography.Title level={3} className="lg-page-title">
          {t('plan.title')}
        </Typography.Title>
        {can(PERM.plansEdit) && (
          <Button type="primary" icon={<PlusOutlined />} data-testid="plan-create" onClick={() => setCreateOpen(true)}>
            {t('plan.create')}
          </Button>
        )}
      </Space>
      <FilterBar onClear={list.clearFilters} showClear={list.filtering}>
        <SearchFilter
          value={filters.q}
          onSearch={(q) => update({ q })}
          placeholder={t('plan.searchPlaceholder')}
          width={280}
          data-testid="plans-search"
        />
        <Form.Item label={t('plan.year')}>
          <InputNumber
            min={2000}
            max={2100}
            value={filters.year}
            onChange={(v) => update({ year: v ?? undefined })}
            style={{ width: 100 }}
          />
        </Form.Item>
        <Form.Item label={t('plan.status')}>
          <Select
            allowClear
            style={{ width: 180 }}
            placeholder={t('common.all')}
            value={filters.status}
            onChange={(status?: string) => update({ status })}
            options={PLAN_STATUSES.map((s) => ({ value: s, label: <PlanStatusTag status={s} /> }))}
            data-testid="plans-filter-status"
          />
        </Form.Item>
        <Form.Item label={t('plan.orgUnit')}>
          <OrgUnitSelect allowClear value={filters.orgUnit} onChange={(orgUnit) => update({ orgUnit })} style={{ width: 240 }} />
        </Form.Item>
      </FilterBar>
      <ErrorAlert error={error} onRetry={reload} />
      <PlansTable
        data={data}
        loading={loading}
        testId="plans-table"
        pager={list.pagination(data?.total)}
        sort={list}
      />
      <PlanCreateModal open={createOpen} onClose={() => setCreateOpen(false)} />
    </div>
  );
}

export function PlansTable({
  data,
  loading,
  testId,
  pager,
  sort,
}: {
  data: Page<PlanSummary> | { items: PlanSummary[] } | undefined;
  loading: boolean;
  testId: string;
  pager?: TablePaginationConfig | false;
  /** Server-side sorting by title, year and date (the list page; the inbox is not sorted). */
  sort?: Pick<ListControl<object>, 'sortOrder' | 'onTableChange'>;
}) {
  const { t } = useI18n();
  const sorter = (field: string) => (sort ? { sorter: true, sortOrder: sort.sortOrder(field) } : {});
  return (
    <ListTable<PlanSummary>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={data?.items ?? []}
      data-testid={testId}
      scroll={{ x: 900 }}
      pagination={pager ?? false}
      onChange={sort?.onTableChange}
      columns={[
        {
          title: t('plan.name'),
          dataIndex: 'title',
          ...sorter('title'),
          render: (title: string, p) => (
            <Link to={`/plans/${encodeURIComponent(String(p.id))}`} data-testid="plan-link">
              {title}
            </Link>
          ),
        },
        { title: t('plan.year'), dataIndex: 'year', width: 90, ...sorter('year') },
        { title: t('plan.agency'), dataIndex: 'agency', render: (a: AgencyRef) => a?.shortName || a?.name || '—' },
        { title: t('plan.orgUnit'), dataIndex: 'orgUnit', render: (u: OrgUnitRef) => u?.name ?? '—' },
        { title: t('plan.versionNo'), dataIndex: 'planVersion', width: 90, align: 'center' },
        {
          title: t('plan.status'),
          dataIndex: 'status',
          width: 150,
          render: (s: string) => <PlanStatusTag status={s} />,
        },
        {
          title: t('plan.decision.column'),
          dataIndex: 'decision',
          width: 190,
          render: (d: PlanSummary['decision']) =>
            d ? (
              <span data-testid="plan-list-decision">
                {d.number}
                <br />
                <Typography.Text type="secondary">{formatDate(d.date)}</Typography.Text>
              </span>
            ) : (
              '—'
            ),
        },
        { title: t('plan.updatedAt'), dataIndex: 'updatedAt', width: 170, ...sorter('updatedAt'), render: (s: string) => formatDateTime(s) },
      ]}
    />
  );
}

interface CreateValues {
  orgUnitCode?: string;
  agencyId?: string | number | null;
  year: number;
  title: string;
  note?: string;
}

function PlanCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, errText } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const orgUnitCode = Form.useWatch('orgUnitCode', form);
  useEffect(() => {
    if (open) setError(null);
  }, [open]);

  const submit = async (v: CreateValues) => {
    setSaving(true);
    setError(null);
    try {
      const p = await planApi.create({
        orgUnitCode: v.orgUnitCode,
        agencyId: v.agencyId ?? null,
        year: v.year,
        title: v.title.trim(),
        note: v.note ?? '',
        beneficiaries: [],
        activities: [],
        budget: [],
      });
      message.success(t('plan.created'));
      onClose();
      navigate(`/plans/${encodeURIComponent(String(p.id))}`);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('plan.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'plan-create-ok' }}
    >
      {!!error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={errText(error)} data-testid="plan-create-error" />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={{
          orgUnitCode: me?.orgUnit.code,
          agencyId: me?.agency?.id ?? null,
          year: new Date().getFullYear(),
          title: '',
        }}
      >
        <Form.Item name="orgUnitCode" label={t('plan.orgUnit')} rules={[{ required: true, message: t('common.required') }]}>
          <OrgUnitSelect initial={me?.orgUnit} onChange={() => form.setFieldValue('agencyId', null)} />
        </Form.Item>
        <Form.Item name="agencyId" label={t('plan.agency')} rules={[{ required: true, message: t('common.required') }]}>
          <AgencyPicker orgUnitCode={orgUnitCode} known={me?.agency ? [me.agency] : []} data-testid="plan-create-agency" />
        </Form.Item>
        <Form.Item name="year" label={t('plan.year')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={2000} max={2100} style={{ width: 120 }} data-testid="plan-create-year" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('plan.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 255 }]}
        >
          <Input data-testid="plan-create-title" />
        </Form.Item>
        <Form.Item name="note" label={t('plan.note')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
