// The "Báo cáo đột xuất" tab of /reports (docs/api-reports.md, "Ad-hoc requests"): a level with
// reports.review issues a request (form, subject, the span it covers, the units below asked,
// deadline) and follows who submitted on time, late or not at all; an asked unit sees the
// requests addressed to it and fills its report (period adhoc-<id>) through the same chain.
// The chosen request is kept in the address (?tab=adhoc&request=<id>) so a reminder opens it.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { ArrowLeftOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { reportRequestApi } from '../api/api';
import type { Report, ReportCompileUnit, ReportRequest } from '../api/types';
import { PERM } from '../api/types';
import { DATE_FORMAT, dayjsToIso } from '../components/dates';
import { ErrorAlert } from '../components/ResultPages';
import { formatDate, todayIso } from '../format';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { reportReads } from '../api/reports';
import { orgUnitApi } from '../api/orgUnits';
import { ReportStatusTag, ReportView, TimelinessTag, notifyReportsChanged } from './ReportsParts';
import { ListTable } from '../components/list';

interface NewRequestValues {
  form: string;
  title: string;
  span: [Dayjs, Dayjs] | null;
  deadline: Dayjs | null;
  unitCodes: string[];
}

function NewRequestModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (r: ReportRequest) => void }) {
  const { t, lang, errText } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewRequestValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const forms = useApi(open ? reportReads.forms() : null);
  const below = useApi(open && me ? orgUnitApi.children(me.orgUnit.code) : null);
  const today = todayIso();

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const r = await reportRequestApi.create({
        form: v.form,
        title: v.title.trim(),
        from: dayjsToIso(v.span?.[0]) ?? '',
        to: dayjsToIso(v.span?.[1]) ?? '',
        deadline: dayjsToIso(v.deadline) ?? '',
        ...(v.unitCodes?.length ? { unitCodes: v.unitCodes } : {}),
      });
      message.success(t('adhoc.issued'));
      form.resetFields();
      onDone(r);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('adhoc.newTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('adhoc.issue')}
      confirmLoading={busy}
      width={640}
      okButtonProps={{ 'data-testid': 'adhoc-new-ok' } as ButtonProps}
      destroyOnHidden
    >
      {error ? <Typography.Paragraph type="danger" data-testid="adhoc-new-error">{errText(error)}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" initialValues={{ form: 'bc_6thang', unitCodes: [] }} data-testid="adhoc-new-form">
        <Form.Item name="form" label={t('report.form')} rules={[{ required: true, message: t('adhoc.required') }]}>
          <Select
            options={(forms.data?.items ?? []).map((f) => ({ value: f.code, label: lang === 'en' ? f.nameEn : f.nameVi }))}
            data-testid="adhoc-new-formcode"
          />
        </Form.Item>
        <Form.Item name="title" label={t('adhoc.title')} rules={[{ required: true, whitespace: true, message: t('adhoc.required') }]}>
          <Input maxLength={300} data-testid="adhoc-new-title" />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="span" label={t('adhoc.span')} rules={[{ required: true, message: t('adhoc.required') }]}>
            <DatePicker.RangePicker format={DATE_FORMAT} data-testid="adhoc-new-span" />
          </Form.Item>
          <Form.Item name="deadline" label={t('adhoc.deadline')} rules={[{ required: true, message: t('adhoc.required') }]}>
            <DatePicker format={DATE_FORMAT} disabledDate={(d) => d.format('YYYY-MM-DD') < today} data-testid="adhoc-new-deadline" />
          </Form.Item>
        </Space>
        <Form.Item name="unitCodes" label={t('adhoc.units')} extra={t('adhoc.unitsHint')}>
          <Select
            mode="multiple"
            allowClear
            loading={below.loading}
            optionFilterProp="label"
            placeholder={t('adhoc.unitsHint')}
            options={(below.data?.items ?? []).map((u) => ({ value: u.code, label: u.name }))}
            data-testid="adhoc-new-units"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CompletenessText({ r }: { r: ReportRequest }) {
  const { t } = useI18n();
  if (r.completeness) {
    const c = r.completeness;
    return (
      <span data-testid="adhoc-completeness">
        {t('adhoc.completenessText', { submitted: c.submitted, expected: c.expected, onTime: c.onTime, late: c.late, missing: c.missing })}
      </span>
    );
  }
  if (r.myReport)
    return (
      <Space size={4} data-testid="adhoc-my-report">
        <ReportStatusTag status={r.myReport.status} />
        <TimelinessTag value={r.myReport.timeliness} />
      </Space>
    );
  return null;
}

/** One request: its asked units (the issuer's side) or the unit's own report (the asked side). */
function RequestDetail({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const req = useApi(reportReads.request(id));
  const r = req.data;
  const [unit, setUnit] = useState<string | null>(null);
  useEffect(() => setUnit(null), [id]);
  const target = r ? (unit ?? (r.asked ? me?.orgUnit.code ?? null : null)) : null;
  const def = useApi(r ? reportReads.form(r.form) : null);
  const current = useApi(r && target ? reportReads.current({ period: r.period, orgUnit: target }) : null);
  const [report, setReport] = useState<Report | undefined>(undefined);
  useEffect(() => setReport(current.data), [current.data]);
  const shown = report && report.period.code === r?.period && report.orgUnit.code === target ? report : undefined;

  return (
    <div data-testid="adhoc-detail">
      <Button icon={<ArrowLeftOutlined />} onClick={onBack} style={{ marginBottom: 12 }} data-testid="adhoc-back">
        {t('adhoc.back')}
      </Button>
      <ErrorAlert error={req.error} onRetry={req.reload} />
      {r && (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="adhoc-detail-head">
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {r.title} <Tag color={r.status === 'open' ? 'blue' : 'default'}>{t(r.status === 'open' ? 'adhoc.status.open' : 'adhoc.status.closed')}</Tag>
          </Typography.Title>
          <Space wrap size={24}>
            <span>
              {t('adhoc.issuer')}: <strong>{r.issuer?.name}</strong>
            </span>
            <span>
              {t('report.period')}: <strong>{formatDate(r.from)} – {formatDate(r.to)}</strong>
            </span>
            <span>
              {t('adhoc.deadline')}: <strong data-testid="adhoc-detail-deadline">{formatDate(r.deadline)}</strong>
            </span>
            <CompletenessText r={r} />
          </Space>
        </Card>
      )}
      {r?.units && (
        <Table<ReportCompileUnit>
          size="small"
          rowKey={(u) => u.orgUnit.code}
          dataSource={r.units}
          pagination={r.units.length > 20 ? { pageSize: 20 } : false}
          style={{ marginBottom: 12 }}
          data-testid="adhoc-units"
          onRow={(u) => ({ onClick: () => setUnit(u.orgUnit.code), style: { cursor: 'pointer' } })}
          rowClassName={(u) => (u.orgUnit.code === unit ? 'ant-table-row-selected' : '')}
          columns={[
            { title: t('report.unit'), render: (_, u) => u.orgUnit.name },
            { title: t('report.status'), render: (_, u) => <ReportStatusTag status={u.status} /> },
            { title: t('report.timeliness'), render: (_, u) => <TimelinessTag value={u.timeliness} /> },
            { title: t('report.submittedAt'), render: (_, u) => (u.submittedAt ? formatDate(u.submittedAt) : '—') },
          ]}
        />
      )}
      <ErrorAlert error={current.error} onRetry={current.reload} />
      {shown && def.data ? <ReportView form={def.data} report={shown} onChange={(x) => { setReport(x); req.reload(); }} /> : current.loading && <Card loading />}
    </div>
  );
}

export default function AdhocRequestsTab() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const selected = params.get('request');
  const list = useApi(selected ? null : reportReads.requests());
  const forms = useApi(reportReads.forms());
  const [creating, setCreating] = useState(false);
  const formName = (code: string) => {
    const f = forms.data?.items.find((x) => x.code === code);
    return f ? (lang === 'en' ? f.nameEn : f.nameVi) : code;
  };
  const pick = (id: string | null) => {
    const next = new URLSearchParams(params);
    next.set('tab', 'adhoc');
    if (id) next.set('request', id);
    else next.delete('request');
    setParams(next, { replace: false });
  };
  const close = (r: ReportRequest) =>
    modal.confirm({
      title: t('adhoc.close'),
      content: t('adhoc.closeConfirm', { title: r.title }),
      okButtonProps: { danger: true, 'data-testid': 'adhoc-close-ok' } as ButtonProps,
      onOk: async () => {
        await reportRequestApi.close(r.id);
        message.success(t('adhoc.closed'));
        notifyReportsChanged();
        list.reload();
      },
    });

  if (selected) return <RequestDetail id={selected} onBack={() => pick(null)} />;
  return (
    <div data-testid="adhoc-tab">
      {can(PERM.reportsReview) && (
        <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setCreating(true)} data-testid="adhoc-new">
          {t('adhoc.new')}
        </Button>
      )}
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ListTable<ReportRequest>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('adhoc.none') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="adhoc-list"
        columns={[
          {
            title: t('adhoc.title'),
            render: (_, r) => (
              <div>
                <Typography.Link onClick={() => pick(String(r.id))} data-testid="adhoc-open">
                  {r.title}
                </Typography.Link>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formName(r.form)}
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          { title: t('adhoc.issuer'), render: (_, r) => r.issuer?.name },
          { title: t('report.period'), render: (_, r) => `${formatDate(r.from)} – ${formatDate(r.to)}` },
          { title: t('adhoc.deadline'), render: (_, r) => formatDate(r.deadline) },
          { title: t('report.status'), render: (_, r) => <Tag color={r.status === 'open' ? 'blue' : 'default'}>{t(r.status === 'open' ? 'adhoc.status.open' : 'adhoc.status.closed')}</Tag> },
          { title: t('adhoc.completeness'), render: (_, r) => <CompletenessText r={r} /> },
          {
            title: '',
            render: (_, r) => (
              <Space>
                <Button size="small" onClick={() => pick(String(r.id))} data-testid="adhoc-open-btn">
                  {r.asked ? t('adhoc.fill') : t('adhoc.view')}
                </Button>
                {r.can.close && (
                  <Button size="small" danger icon={<StopOutlined />} onClick={() => close(r)} data-testid="adhoc-close">
                    {t('adhoc.close')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <NewRequestModal
        open={creating}
        onClose={() => setCreating(false)}
        onDone={(r) => {
          setCreating(false);
          notifyReportsChanged();
          list.reload();
          pick(String(r.id));
        }}
      />
    </div>
  );
}
