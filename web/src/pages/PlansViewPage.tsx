// /plans/:id — one version of an integration plan: its three sections (beneficiaries,
// interventions, resources), editable only in draft or returned; the workflow buttons the caller
// may use now; the versions of the plan and its history; the .xlsx export.
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import {
  ArrowLeftOutlined,
  BarChartOutlined,
  CheckOutlined,
  CopyOutlined,
  DeleteOutlined,
  EditOutlined,
  FileExcelOutlined,
  PlusOutlined,
  RollbackOutlined,
  SaveOutlined,
  SendOutlined,
} from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../api/api';
import {
  PERM,
  type AgencyRef,
  type CodeName,
  
  type Plan,
  
  
  
} from '../api/types';
import { formatDate, formatDateTime, formatNumber } from '../format';
import { isMessageKey, localName, useI18n, type MessageKey } from '../i18n';
import { useTaxonomy } from '../reference';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { planApi, programmeApi } from '../api/plans';
import { ErrorAlert } from '../components/ResultPages';
import { AgencyPicker } from '../components/AgencyPicker';
import { OrgUnitSelect } from '../components/OrgUnitSelect';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../components/dates';
import { PlanStatusTag } from './PlansStatusTag';
import { isPlanEditable, planActions, sumAmounts, totalsBy, type PlanAction } from '../workflow';

type Id = string | number;

interface BeneficiaryRow {
  targetGroup?: string;
  programmeId?: Id | null;
  plannedCount?: number | null;
  note?: string;
}
interface ActivityRow {
  interventionType?: string;
  targetGroup?: string | null;
  programmeId?: Id | null;
  description?: string;
  plannedQuantity?: number | null;
  quantityUnit?: string;
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
  locationCode?: string | null;
  leadAgencyId?: Id | null;
  partnerAgencyIds?: Id[];
}
interface BudgetRow {
  fundingSource?: string;
  year?: number;
  amount?: number | null;
  programmeId?: Id | null;
  note?: string;
}
interface Values {
  title: string;
  note?: string;
  beneficiaries: BeneficiaryRow[];
  activities: ActivityRow[];
  budget: BudgetRow[];
}

function toValues(p: Plan): Values {
  return {
    title: p.title,
    note: p.note,
    beneficiaries: p.beneficiaries.map((b) => ({
      targetGroup: b.targetGroup,
      programmeId: b.programme?.id ?? null,
      plannedCount: b.plannedCount,
      note: b.note,
    })),
    activities: p.activities.map((a) => ({
      interventionType: a.interventionType,
      targetGroup: a.targetGroup,
      programmeId: a.programme?.id ?? null,
      description: a.description,
      plannedQuantity: a.plannedQuantity,
      quantityUnit: a.quantityUnit,
      startDate: isoToDayjs(a.startDate),
      endDate: isoToDayjs(a.endDate),
      locationCode: a.location?.code ?? null,
      leadAgencyId: a.leadAgency?.id ?? null,
      partnerAgencyIds: a.partners.map((x) => x.id),
    })),
    budget: p.budget.map((l) => ({
      fundingSource: l.fundingSource,
      year: l.year,
      amount: l.amount,
      programmeId: l.programme?.id ?? null,
      note: l.note,
    })),
  };
}

const nn = <T,>(v: T | null | undefined): T | null => (v === undefined || v === '' ? null : (v as T | null));

function toBody(v: Values, version: number) {
  return {
    title: v.title.trim(),
    note: v.note ?? '',
    beneficiaries: (v.beneficiaries ?? []).map((b) => ({
      targetGroup: b.targetGroup,
      programmeId: nn(b.programmeId),
      plannedCount: nn(b.plannedCount),
      note: b.note ?? '',
    })),
    activities: (v.activities ?? []).map((a) => ({
      interventionType: a.interventionType,
      targetGroup: nn(a.targetGroup),
      programmeId: nn(a.programmeId),
      description: a.description ?? '',
      plannedQuantity: nn(a.plannedQuantity),
      quantityUnit: a.quantityUnit ?? '',
      startDate: dayjsToIso(a.startDate) ?? null,
      endDate: dayjsToIso(a.endDate) ?? null,
      locationCode: nn(a.locationCode),
      leadAgencyId: nn(a.leadAgencyId),
      partnerAgencyIds: a.partnerAgencyIds ?? [],
    })),
    budget: (v.budget ?? []).map((l) => ({
      fundingSource: l.fundingSource,
      year: l.year,
      amount: l.amount ?? 0,
      programmeId: nn(l.programmeId),
      note: l.note ?? '',
    })),
    version,
  };
}

export default function PlansViewPage() {
  const { id = '' } = useParams();
  const { t, lang, errText } = useI18n();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const { data: plan, loading, error, reload } = useApi(planApi.one(id));
  const versions = useApi(planApi.versions(id));
  const history = useApi(planApi.history(id));
  const targetGroups = useTaxonomy('target-groups');
  const interventionTypes = useTaxonomy('intervention-types');
  const fundingSources = useTaxonomy('funding-sources');
  const programmes = useApi(plan ? programmeApi.list({ orgUnit: plan.orgUnit.code, year: plan.year, pageSize: 500 }) : null);
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [returnOpen, setReturnOpen] = useState(false);
  const [returnComment, setReturnComment] = useState('');

  useEffect(() => {
    setEditing(false);
    setActionError(null);
  }, [id]);
  useEffect(() => {
    if (plan && !editing) form.setFieldsValue(toValues(plan));
  }, [plan, editing, form]);

  const versionList = versions.data?.items ?? [];
  const isLatest =
    plan?.latest ??
    (versionList.length === 0 || Math.max(...versionList.map((v) => v.planVersion)) === plan?.planVersion);
  const may = plan?.can ?? {
    edit: can(PERM.plansEdit),
    submit: can(PERM.plansEdit),
    approve: can(PERM.plansApprove),
    return: can(PERM.plansApprove),
    newVersion: can(PERM.plansEdit),
  };
  const actions: PlanAction[] = plan ? planActions(plan.status, may, isLatest) : [];
  const allowReturn = may.return;

  const name = (list: CodeName[], code: string | null | undefined) =>
    code ? localName(list.find((x) => x.code === code), lang, code) : '—';
  const programmeOptions = useMemo(
    () => (programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
    [programmes.data],
  );
  const codeOptions = (list: CodeName[]) => list.map((x) => ({ value: x.code, label: localName(x, lang, x.code) }));
  const knownAgencies: AgencyRef[] = useMemo(() => {
    const out: AgencyRef[] = [];
    for (const a of plan?.activities ?? []) {
      if (a.leadAgency) out.push(a.leadAgency);
      out.push(...a.partners);
    }
    return out;
  }, [plan]);

  const refreshAll = () => {
    reload();
    versions.reload();
    history.reload();
  };

  const run = async (key: string, fn: () => Promise<void>) => {
    setBusy(key);
    setActionError(null);
    try {
      await fn();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(null);
    }
  };

  const save = (v: Values) =>
    run('save', async () => {
      if (!plan) return;
      await planApi.update(id, toBody(v, plan.version));
      message.success(t('plan.saved'));
      setEditing(false);
      refreshAll();
    });

  const confirm = (title: MessageKey, onOk: () => Promise<void>) =>
    modal.confirm({
      title: t(title),
      okText: t('common.yes'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'plan-confirm-ok' } as ButtonProps,
      onOk,
    });

  const transition = (action: 'submit' | 'approve' | 'return', done: MessageKey, comment?: string) =>
    run(action, async () => {
      await planApi.act(id, action, comment);
      message.success(t(done));
      refreshAll();
    });

  const newVersion = () =>
    run('newVersion', async () => {
      const p = await planApi.newVersion(id);
      message.success(t('plan.newVersionDone', { n: p.planVersion }));
      navigate(`/plans/${encodeURIComponent(String(p.id))}`);
    });

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!plan) return <Card loading={loading || !plan} />;

  const editable = isLatest && isPlanEditable(plan.status) && may.edit;
  const lastReturn = [...(history.data?.items ?? [])]
    .filter((h) => h.action === 'return' && (h.planVersion === undefined || h.planVersion === plan.planVersion))
    .pop();
  const actionLabel = (a: string) => {
    const key = `plan.action.${a}`;
    return isMessageKey(key) ? t(key) : a;
  };

  const total = sumAmounts(plan.budget);

  return (
    <div data-testid="plan-view">
      <Space style={{ marginBottom: 8 }}>
        <Link to="/plans">
          <ArrowLeftOutlined /> {t('plan.back')}
        </Link>
      </Space>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
        <Space direction="vertical" size={4}>
          <Typography.Title level={3} className="lg-page-title" style={{ marginBottom: 0 }} data-testid="plan-title">
            {plan.title}
          </Typography.Title>
          <Space wrap>
            <span data-testid="plan-status">
              <PlanStatusTag status={plan.status} />
            </span>
            <Typography.Text type="secondary">
              {plan.agency.name} · {plan.orgUnit.name} · {t('plan.year')} {plan.year}
            </Typography.Text>
            <Select
              size="small"
              style={{ width: 190 }}
              value={plan.id}
              data-testid="plan-version-select"
              onChange={(v) => navigate(`/plans/${encodeURIComponent(String(v))}`)}
              options={(versionList.length
                ? versionList
                : [{ id: plan.id, planVersion: plan.planVersion, status: plan.status }]
              ).map((v) => ({
                value: v.id,
                label: `${t('plan.versionLabel', { n: v.planVersion })} · ${
                  isMessageKey(`plan.status.${v.status}`) ? t(`plan.status.${v.status}` as MessageKey) : v.status
                }`,
              }))}
            />
          </Space>
        </Space>
        <Space wrap>
          {actions.includes('edit') && !editing && (
            <Button icon={<EditOutlined />} data-testid="plan-edit" onClick={() => setEditing(true)}>
              {t('plan.edit')}
            </Button>
          )}
          {actions.includes('submit') && !editing && (
            <Button
              type="primary"
              icon={<SendOutlined />}
              data-testid="plan-submit"
              loading={busy === 'submit'}
              onClick={() => confirm('plan.submitConfirm', () => transition('submit', 'plan.submitted'))}
            >
              {t('plan.submit')}
            </Button>
          )}
          {actions.includes('approve') && (
            <Button
              type="primary"
              icon={<CheckOutlined />}
              data-testid="plan-approve"
              loading={busy === 'approve'}
              onClick={() => confirm('plan.approveConfirm', () => transition('approve', 'plan.approved'))}
            >
              {t('plan.approve')}
            </Button>
          )}
          {actions.includes('return') && allowReturn && (
            <Button
              danger
              icon={<RollbackOutlined />}
              data-testid="plan-return"
              onClick={() => {
                setReturnComment('');
                setReturnOpen(true);
              }}
            >
              {t('plan.return')}
            </Button>
          )}
          {actions.includes('newVersion') && (
            <Button
              icon={<CopyOutlined />}
              data-testid="plan-new-version"
              loading={busy === 'newVersion'}
              onClick={() => confirm('plan.newVersionConfirm', newVersion)}
            >
              {t('plan.newVersion')}
            </Button>
          )}
          {(plan.status === 'approved' || plan.status === 'superseded') && (
            <Button icon={<BarChartOutlined />} data-testid="plan-evaluation" onClick={() => navigate(`/plans/${encodeURIComponent(String(plan.id))}/evaluation`)}>
              {t('eval.open')}
            </Button>
          )}
          <Button
            icon={<FileExcelOutlined />}
            href={planApi.exportUrl(id)}
            data-testid="plan-export"
          >
            {t('plan.export')}
          </Button>
        </Space>
      </Space>

      {!!actionError && (
        <Alert
          type="error"
          showIcon
          style={{ margin: '12px 0' }}
          data-testid="plan-action-error"
          message={
            actionError instanceof ApiError && actionError.code === 'conflict' ? t('error.conflict') : errText(actionError)
          }
        />
      )}
      {!isLatest && <Alert type="info" showIcon style={{ margin: '12px 0' }} message={t('plan.oldVersion')} />}
      {isLatest && plan.status === 'approved' && (
        <Alert type="success" showIcon style={{ margin: '12px 0' }} message={t('plan.lockedApproved')} data-testid="plan-locked" />
      )}
      {isLatest && plan.status === 'submitted' && (
        <Alert type="info" showIcon style={{ margin: '12px 0' }} message={t('plan.lockedSubmitted')} />
      )}
      {plan.status === 'returned' && lastReturn && (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '12px 0' }}
          data-testid="plan-returned-comment"
          message={t('plan.returnedBanner', { comment: lastReturn.comment })}
        />
      )}

      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', marginTop: 12, flexWrap: 'wrap' }}>
        <div style={{ flex: '1 1 720px', minWidth: 0 }}>
          {editing && editable ? (
            <Form<Values> form={form} layout="vertical" onFinish={save} data-testid="plan-form">
              <Card size="small" style={{ marginBottom: 12 }}>
                <Form.Item
                  name="title"
                  label={t('plan.name')}
                  rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 255 }]}
                >
                  <Input data-testid="plan-form-title" />
                </Form.Item>
                <Form.Item name="note" label={t('plan.note')} style={{ marginBottom: 0 }}>
                  <Input.TextArea rows={2} maxLength={4000} data-testid="plan-form-note" />
                </Form.Item>
              </Card>

              <Card size="small" title={`1. ${t('plan.sections.beneficiaries')}`} style={{ marginBottom: 12 }}>
                <Form.List name="beneficiaries">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f) => (
                        <Space key={f.key} align="start" wrap className="lg-plan-row" data-testid="plan-beneficiary-row">
                          <Form.Item name={[f.name, 'targetGroup']} rules={[{ required: true, message: t('common.required') }]}>
                            <Select
                              style={{ width: 280 }}
                              placeholder={t('plan.targetGroup')}
                              options={codeOptions(targetGroups)}
                              showSearch
                              optionFilterProp="label"
                              data-testid="plan-beneficiary-group"
                            />
                          </Form.Item>
                          <Form.Item name={[f.name, 'programmeId']} rules={[{ required: true, message: t('common.required') }]}>
                            <Select
                              style={{ width: 280 }}
                              placeholder={t('plan.programme')}
                              options={programmeOptions}
                              showSearch
                              optionFilterProp="label"
                              data-testid="plan-beneficiary-programme"
                            />
                          </Form.Item>
                          <Form.Item name={[f.name, 'plannedCount']}>
                            <InputNumber min={0} placeholder={t('plan.plannedCount')} style={{ width: 150 }} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'note']}>
                            <Input placeholder={t('plan.note')} style={{ width: 200 }} />
                          </Form.Item>
                          <Button icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(f.name)} />
                        </Space>
                      ))}
                      <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="plan-add-beneficiary">
                        {t('plan.addRow')}
                      </Button>
                    </>
                  )}
                </Form.List>
              </Card>

              <Card size="small" title={`2. ${t('plan.sections.activities')}`} style={{ marginBottom: 12 }}>
                <Form.List name="activities">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f) => (
                        <Card
                          key={f.key}
                          size="small"
                          type="inner"
                          style={{ marginBottom: 8 }}
                          data-testid="plan-activity-row"
                          extra={<Button size="small" icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(f.name)} />}
                        >
                          <Space align="start" wrap>
                            <Form.Item name={[f.name, 'interventionType']} label={t('plan.interventionType')} rules={[{ required: true, message: t('common.required') }]}>
                              <Select style={{ width: 300 }} options={codeOptions(interventionTypes)} showSearch optionFilterProp="label" data-testid="plan-activity-type" />
                            </Form.Item>
                            <Form.Item name={[f.name, 'targetGroup']} label={t('plan.targetGroup')}>
                              <Select allowClear style={{ width: 260 }} options={codeOptions(targetGroups)} showSearch optionFilterProp="label" />
                            </Form.Item>
                            <Form.Item name={[f.name, 'programmeId']} label={t('plan.programme')}>
                              <Select allowClear style={{ width: 260 }} options={programmeOptions} showSearch optionFilterProp="label" />
                            </Form.Item>
                          </Space>
                          <Form.Item name={[f.name, 'description']} label={t('plan.description')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                            <Input data-testid="plan-activity-description" />
                          </Form.Item>
                          <Space align="start" wrap>
                            <Form.Item name={[f.name, 'plannedQuantity']} label={t('plan.quantity')}>
                              <InputNumber min={0} style={{ width: 130 }} data-testid="plan-activity-quantity" />
                            </Form.Item>
                            <Form.Item name={[f.name, 'quantityUnit']} label={t('plan.quantityUnit')}>
                              <Input style={{ width: 120 }} />
                            </Form.Item>
                            <Form.Item name={[f.name, 'startDate']} label={t('plan.start')}>
                              <DatePicker format={DATE_FORMAT} placeholder={t('common.datePlaceholder')} />
                            </Form.Item>
                            <Form.Item name={[f.name, 'endDate']} label={t('plan.end')}>
                              <DatePicker format={DATE_FORMAT} placeholder={t('common.datePlaceholder')} />
                            </Form.Item>
                            <Form.Item name={[f.name, 'locationCode']} label={t('plan.location')}>
                              <OrgUnitSelect allowClear style={{ width: 240 }} />
                            </Form.Item>
                          </Space>
                          <Space align="start" wrap>
                            <Form.Item name={[f.name, 'leadAgencyId']} label={t('plan.lead')} rules={[{ required: true, message: t('common.required') }]}>
                              <AgencyPicker orgUnitCode={plan.orgUnit.code} known={knownAgencies} style={{ width: 300 }} data-testid="plan-activity-lead" />
                            </Form.Item>
                            <Form.Item name={[f.name, 'partnerAgencyIds']} label={t('plan.partners')}>
                              <AgencyPicker multiple orgUnitCode={plan.orgUnit.code} known={knownAgencies} style={{ width: 420 }} />
                            </Form.Item>
                          </Space>
                        </Card>
                      ))}
                      <Button icon={<PlusOutlined />} onClick={() => add({ partnerAgencyIds: [], leadAgencyId: plan.agency.id })} data-testid="plan-add-activity">
                        {t('plan.addRow')}
                      </Button>
                    </>
                  )}
                </Form.List>
              </Card>

              <Card size="small" title={`3. ${t('plan.sections.resources')}`} style={{ marginBottom: 12 }}>
                <Form.List name="budget">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f) => (
                        <Space key={f.key} align="start" wrap data-testid="plan-budget-row">
                          <Form.Item name={[f.name, 'fundingSource']} rules={[{ required: true, message: t('common.required') }]}>
                            <Select style={{ width: 280 }} placeholder={t('budget.source')} options={codeOptions(fundingSources)} data-testid="plan-budget-source" />
                          </Form.Item>
                          <Form.Item name={[f.name, 'year']} rules={[{ required: true, message: t('common.required') }]}>
                            <InputNumber min={2000} max={2100} placeholder={t('budget.year')} style={{ width: 100 }} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'amount']} rules={[{ required: true, message: t('common.required') }]}>
                            <InputNumber<number>
                              min={0}
                              step={1000000}
                              placeholder={t('budget.amount')}
                              style={{ width: 200 }}
                              formatter={(v) => (v === undefined || v === null || (v as unknown) === '' ? '' : formatNumber(Number(v), 0))}
                              parser={(s) => Number((s ?? '').replace(/\./g, '').replace(',', '.')) || 0}
                              data-testid="plan-budget-amount"
                            />
                          </Form.Item>
                          <Form.Item name={[f.name, 'programmeId']}>
                            <Select allowClear style={{ width: 240 }} placeholder={t('budget.programme')} options={programmeOptions} showSearch optionFilterProp="label" />
                          </Form.Item>
                          <Form.Item name={[f.name, 'note']}>
                            <Input placeholder={t('plan.note')} style={{ width: 180 }} />
                          </Form.Item>
                          <Button icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(f.name)} />
                        </Space>
                      ))}
                      <div>
                        <Button icon={<PlusOutlined />} onClick={() => add({ year: plan.year })} data-testid="plan-add-budget">
                          {t('budget.addLine')}
                        </Button>
                      </div>
                    </>
                  )}
                </Form.List>
              </Card>
              <Space>
                <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={busy === 'save'} data-testid="plan-edit-save">
                  {t('plan.save')}
                </Button>
                <Button
                  onClick={() => {
                    setEditing(false);
                    form.setFieldsValue(toValues(plan));
                  }}
                >
                  {t('plan.editCancel')}
                </Button>
              </Space>
            </Form>
          ) : (
            <>
              {plan.note && (
                <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                  {plan.note}
                </Typography.Paragraph>
              )}
              <Card size="small" title={`1. ${t('plan.sections.beneficiaries')}`} style={{ marginBottom: 12 }}>
                <Table
                  size="small"
                  rowKey={(_, i) => String(i)}
                  pagination={false}
                  dataSource={plan.beneficiaries}
                  data-testid="plan-beneficiaries"
                  locale={{ emptyText: t('plan.empty') }}
                  columns={[
                    { title: t('plan.targetGroup'), dataIndex: 'targetGroup', render: (c: string) => name(targetGroups, c) },
                    { title: t('plan.programme'), dataIndex: 'programme', render: (p: { name: string } | null) => p?.name ?? '—' },
                    { title: t('plan.plannedCount'), dataIndex: 'plannedCount', align: 'right', render: (n: number | null) => formatNumber(n) },
                    { title: t('plan.note'), dataIndex: 'note' },
                  ]}
                />
              </Card>
              <Card size="small" title={`2. ${t('plan.sections.activities')}`} style={{ marginBottom: 12 }}>
                <Table
                  size="small"
                  rowKey={(_, i) => String(i)}
                  pagination={false}
                  dataSource={plan.activities}
                  data-testid="plan-activities"
                  scroll={{ x: 1100 }}
                  locale={{ emptyText: t('plan.empty') }}
                  columns={[
                    { title: t('plan.interventionType'), dataIndex: 'interventionType', render: (c: string) => name(interventionTypes, c) },
                    { title: t('plan.description'), dataIndex: 'description' },
                    { title: t('plan.targetGroup'), dataIndex: 'targetGroup', render: (c: string | null) => name(targetGroups, c) },
                    {
                      title: t('plan.quantity'),
                      key: 'q',
                      align: 'right',
                      render: (_: unknown, a) => (a.plannedQuantity === null ? '—' : `${formatNumber(a.plannedQuantity)} ${a.quantityUnit}`),
                    },
                    { title: t('plan.timing'), key: 'time', render: (_: unknown, a) => `${formatDate(a.startDate)} – ${formatDate(a.endDate)}` },
                    { title: t('plan.location'), dataIndex: 'location', render: (u: { name: string } | null) => u?.name ?? '—' },
                    { title: t('plan.lead'), dataIndex: 'leadAgency', render: (a: AgencyRef | null) => a?.shortName || a?.name || '—' },
                    {
                      title: t('plan.partners'),
                      dataIndex: 'partners',
                      render: (xs: AgencyRef[]) => (
                        <Space size={[4, 4]} wrap>
                          {xs.map((x) => (
                            <Tag key={String(x.id)}>{x.shortName || x.name}</Tag>
                          ))}
                        </Space>
                      ),
                    },
                  ]}
                />
              </Card>
              <Card size="small" title={`3. ${t('plan.sections.resources')}`} style={{ marginBottom: 12 }}>
                <Table
                  size="small"
                  rowKey={(_, i) => String(i)}
                  pagination={false}
                  dataSource={plan.budget}
                  data-testid="plan-budget"
                  locale={{ emptyText: t('plan.empty') }}
                  columns={[
                    { title: t('budget.source'), dataIndex: 'fundingSource', render: (c: string) => name(fundingSources, c) },
                    { title: t('budget.year'), dataIndex: 'year', width: 90 },
                    { title: t('budget.amount'), dataIndex: 'amount', align: 'right', render: (n: number) => formatNumber(n) },
                    { title: t('budget.programme'), dataIndex: 'programme', render: (p: { name: string } | null) => p?.name ?? '—' },
                    { title: t('plan.note'), dataIndex: 'note' },
                  ]}
                  summary={() =>
                    plan.budget.length ? (
                      <Table.Summary.Row>
                        <Table.Summary.Cell index={0} colSpan={2}>
                          <strong>{t('budget.total')}</strong>
                          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                            {totalsBy(plan.budget, (l) => l.year)
                              .map(([y, n]) => `${y}: ${formatNumber(n)}`)
                              .join(' · ')}
                          </Typography.Text>
                        </Table.Summary.Cell>
                        <Table.Summary.Cell index={2} align="right">
                          <strong>{formatNumber(total)}</strong>
                        </Table.Summary.Cell>
                        <Table.Summary.Cell index={3} colSpan={2} />
                      </Table.Summary.Row>
                    ) : null
                  }
                />
              </Card>
            </>
          )}
        </div>
        <Card size="small" title={t('plan.history')} style={{ flex: '0 1 340px', minWidth: 280 }}>
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('plan.versionNo')}>{plan.planVersion}</Descriptions.Item>
            <Descriptions.Item label={t('plan.updatedAt')}>{formatDateTime(plan.updatedAt)}</Descriptions.Item>
          </Descriptions>
          <div data-testid="plan-history">
            {(history.data?.items ?? []).length === 0 ? (
              <Typography.Text type="secondary">{t('plan.noHistory')}</Typography.Text>
            ) : (
              <Timeline
                items={(history.data?.items ?? []).map((h, i) => ({
                  key: i,
                  color: h.action === 'return' ? 'red' : h.action === 'approve' ? 'green' : 'blue',
                  children: (
                    <div data-testid="plan-history-item">
                      <div>
                        <strong>{actionLabel(h.action)}</strong>
                        {h.planVersion !== undefined && (
                          <Typography.Text type="secondary"> · {t('plan.versionLabel', { n: h.planVersion })}</Typography.Text>
                        )}
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {h.fullName || h.username} · {formatDateTime(h.at)}
                      </Typography.Text>
                      {h.comment && <div style={{ whiteSpace: 'pre-wrap' }}>“{h.comment}”</div>}
                    </div>
                  ),
                }))}
              />
            )}
          </div>
        </Card>
      </div>

      <Modal
        open={returnOpen}
        title={t('plan.returnTitle')}
        okText={t('plan.return')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, disabled: !returnComment.trim(), 'data-testid': 'plan-return-ok' } as ButtonProps}
        confirmLoading={busy === 'return'}
        onCancel={() => setReturnOpen(false)}
        onOk={async () => {
          await transition('return', 'plan.returned', returnComment.trim());
          setReturnOpen(false);
        }}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={t('plan.returnComment')} required>
            <Input.TextArea
              rows={4}
              maxLength={4000}
              value={returnComment}
              onChange={(e) => setReturnComment(e.target.value)}
              data-testid="plan-return-comment"
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
