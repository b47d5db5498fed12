// /allocation-decisions/new, /allocation-decisions/:id/edit (a draft) and
// /allocation-decisions/:id/amend (an amending decision of an issued one; docs/api-money.md §2):
// receiver, agency, year, issuing body, number, date, the plan it funds (its activities then
// selectable per line) and the lines by source / programme / amount. An amendment's amounts are
// signed (a cut is negative). The server's faults are shown on their fields.
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Spin, Typography, message } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { allocationApi, type AllocationDecision, type AllocationDecisionInput } from '../../api/money';
import { ApiError } from '../../api/api';
import { planApi, programmeApi } from '../../api/plans';
import { formatNumber, todayIso } from '../../format';
import { localName, useI18n } from '../../i18n';
import { useTaxonomy } from '../../reference';
import { useApi } from '../../useApi';
import { useSession } from '../../session';
import { AgencySelect } from '../../components/AgencySelect';
import { OrgUnitSelect } from '../../components/OrgUnitSelect';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../../components/dates';
import { ErrorAlert } from '../../components/ResultPages';
import { fieldPath, formatMoney, sumLines } from '../../money';

type Id = string | number;
interface LineRow {
  planActivityId?: Id | null;
  fundingSource?: string;
  programmeId?: Id | null;
  amount?: number | null;
  note?: string;
}
interface Values {
  orgUnitCode?: string;
  agencyId?: Id | null;
  year?: number;
  issuingBody?: string;
  number?: string;
  decisionDate?: Dayjs | null;
  planId?: Id | null;
  note?: string;
  lines: LineRow[];
}

function toValues(d: AllocationDecision | undefined, amend: boolean, defaultUnit?: string): Values {
  if (!d) return { year: Number(todayIso().slice(0, 4)), orgUnitCode: defaultUnit, lines: [{}] };
  const common = {
    orgUnitCode: d.orgUnit.code,
    agencyId: d.agency?.id ?? null,
    year: d.year,
    planId: d.plan?.id ?? null,
  };
  if (amend) {
    return {
      ...common,
      issuingBody: d.issuingBody,
      decisionDate: isoToDayjs(todayIso()),
      lines: [{ planActivityId: d.lines[0]?.planActivity?.id ?? null, fundingSource: d.lines[0]?.fundingSource, programmeId: d.lines[0]?.programme?.id ?? null }],
    };
  }
  return {
    ...common,
    issuingBody: d.issuingBody,
    number: d.number,
    decisionDate: isoToDayjs(d.decisionDate),
    note: d.note,
    lines: d.lines.map((l) => ({
      planActivityId: l.planActivity?.id ?? null,
      fundingSource: l.fundingSource,
      programmeId: l.programme?.id ?? null,
      amount: l.amount,
      note: l.note,
    })),
  };
}

function toBody(v: Values): AllocationDecisionInput {
  const nn = <T,>(x: T | null | undefined) => (x === undefined || x === '' ? null : x);
  return {
    orgUnitCode: v.orgUnitCode ?? '',
    agencyId: nn(v.agencyId),
    year: v.year ?? 0,
    issuingBody: (v.issuingBody ?? '').trim(),
    number: (v.number ?? '').trim(),
    decisionDate: dayjsToIso(v.decisionDate) ?? '',
    planId: nn(v.planId),
    note: v.note ?? '',
    lines: (v.lines ?? []).map((l) => ({
      planActivityId: nn(l.planActivityId),
      fundingSource: l.fundingSource ?? '',
      programmeId: nn(l.programmeId),
      amount: l.amount ?? 0,
      note: l.note ?? '',
    })),
  };
}

export default function AllocationDecisionFormPage() {
  const { id } = useParams();
  const amend = window.location.pathname.endsWith('/amend');
  const { t, lang, errText } = useI18n();
  const { me } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const existing = useApi(id ? allocationApi.one(id) : null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fundingSources = useTaxonomy('funding-sources');
  const orgUnitCode = Form.useWatch('orgUnitCode', form) as string | undefined;
  const year = Form.useWatch('year', form) as number | undefined;
  const planId = Form.useWatch('planId', form) as Id | null | undefined;
  const lines = (Form.useWatch('lines', form) ?? []) as LineRow[];
  const plans = useApi(orgUnitCode && year ? planApi.list({ orgUnit: orgUnitCode, year, pageSize: 100 }) : null);
  const plan = useApi(planId ? planApi.one(planId) : null);
  const programmes = useApi(orgUnitCode && year ? programmeApi.list({ orgUnit: orgUnitCode, year, pageSize: 500 }) : null);

  useEffect(() => {
    if (!id) form.setFieldsValue(toValues(undefined, false, me?.orgUnit?.code));
    else if (existing.data) form.setFieldsValue(toValues(existing.data, amend));
  }, [id, existing.data, amend, form, me]);

  const planOptions = useMemo(() => {
    const opts = (plans.data?.items ?? []).map((p) => ({ value: p.id as Id, label: p.title }));
    const cur = existing.data?.plan;
    if (cur && !opts.some((o) => o.value === cur.id)) opts.unshift({ value: cur.id, label: cur.title });
    return opts;
  }, [plans.data, existing.data]);
  const activityOptions = (plan.data?.activities ?? []).map((a) => ({ value: (a as { id: Id }).id, label: a.description }));
  const programmeOptions = (programmes.data?.items ?? []).map((p) => ({ value: p.id as Id, label: p.name }));
  const sourceOptions = fundingSources.map((x) => ({ value: x.code, label: localName(x, lang, x.code) }));

  const save = async () => {
    setError(null);
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body = toBody(v);
    setSaving(true);
    try {
      let saved: AllocationDecision;
      if (amend && id) {
        saved = await allocationApi.amend(id, { issuingBody: body.issuingBody, number: body.number, decisionDate: body.decisionDate, note: body.note, lines: body.lines });
      } else if (id && existing.data) {
        saved = await allocationApi.update(id, body, existing.data.version);
      } else {
        saved = await allocationApi.create(body);
      }
      message.success(t('alloc.saved'));
      navigate(`/allocation-decisions/${saved.id}`);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        const issues = e.details.length ? e.details : e.field ? [{ field: e.field, message: e.messageVi, messageEn: e.messageEn }] : [];
        form.setFields(issues.map((i) => ({ name: fieldPath(i.field) as never, errors: [lang === 'en' ? i.messageEn || i.message : i.message] })));
      }
    } finally {
      setSaving(false);
    }
  };

  if (id && existing.loading && !existing.data) return <Spin />;
  const title = amend ? t('alloc.amendTitle', { number: existing.data?.number ?? '' }) : id ? t('alloc.editTitle') : t('alloc.newTitle');
  const fixed = amend; // an amendment keeps the receiver, year and plan of its original
  const total = sumLines(lines);
  return (
    <div style={{ maxWidth: 960 }}>
      <Typography.Title level={3} className="lg-page-title">{title}</Typography.Title>
      {amend && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('alloc.amendHint')} />}
      <ErrorAlert error={existing.error} onRetry={existing.reload} />
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} message={errText(error)} data-testid="alloc-form-error" /> : null}
      <Form<Values> form={form} layout="vertical" data-testid="alloc-form"
        onKeyDown={(e) => { if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault(); }}>
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space align="start" wrap>
            <Form.Item name="orgUnitCode" label={t('alloc.receiver')} rules={[{ required: true, message: t('common.required') }]}>
              <OrgUnitSelect style={{ width: 260, maxWidth: '100%' }} initial={existing.data?.orgUnit ?? me?.orgUnit} data-testid="alloc-unit" />
            </Form.Item>
            <Form.Item name="agencyId" label={t('alloc.agency')}>
              <AgencySelect orgUnitCode={orgUnitCode} initial={existing.data?.agency} data-testid="alloc-agency" />
            </Form.Item>
            <Form.Item name="year" label={t('alloc.year')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber min={2000} max={2100} style={{ width: 110 }} disabled={fixed} data-testid="alloc-year" />
            </Form.Item>
          </Space>
          <Space align="start" wrap>
            <Form.Item name="issuingBody" label={t('alloc.issuingBody')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 255 }]}>
              <Input style={{ width: 300, maxWidth: '100%' }} data-testid="alloc-issuing-body" />
            </Form.Item>
            <Form.Item name="number" label={t('alloc.number')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 64 }]}>
              <Input style={{ width: 160 }} data-testid="alloc-number" />
            </Form.Item>
            <Form.Item name="decisionDate" label={t('alloc.date')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker format={DATE_FORMAT} placeholder={t('common.datePlaceholder')} data-testid="alloc-date" />
            </Form.Item>
          </Space>
          <Form.Item name="planId" label={t('alloc.plan')}>
            <Select allowClear disabled={fixed} style={{ maxWidth: 520 }} options={planOptions} loading={plans.loading} showSearch optionFilterProp="label"
              popupMatchSelectWidth={false} data-testid="alloc-plan"
              onChange={() => form.setFieldsValue({ lines: (form.getFieldValue('lines') as LineRow[] ?? []).map((l) => ({ ...l, planActivityId: null })) })} />
          </Form.Item>
          <Form.Item name="note" label={t('alloc.note')} style={{ marginBottom: 0 }}>
            <Input.TextArea rows={2} maxLength={4000} data-testid="alloc-note" />
          </Form.Item>
        </Card>
        <Card size="small" title={t('alloc.lines')} style={{ marginBottom: 12 }}>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap className="lg-plan-row" data-testid="alloc-line">
                    <Form.Item name={[f.name, 'planActivityId']}>
                      <Select allowClear disabled={!planId} style={{ width: 260, maxWidth: '100%' }} placeholder={t('alloc.planActivity')} options={activityOptions}
                        popupMatchSelectWidth={false} data-testid="alloc-line-activity" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'fundingSource']} rules={[{ required: true, message: t('common.required') }]}>
                      <Select style={{ width: 220, maxWidth: '100%' }} placeholder={t('budget.source')} options={sourceOptions} data-testid="alloc-line-source" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'programmeId']}>
                      <Select allowClear style={{ width: 220, maxWidth: '100%' }} placeholder={t('money.hostProgramme')} options={programmeOptions} showSearch optionFilterProp="label"
                        popupMatchSelectWidth={false} data-testid="alloc-line-programme" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'amount']} rules={[{ required: true, message: t('common.required') }]}>
                      <InputNumber<number>
                        min={amend ? undefined : 1}
                        step={1000000}
                        placeholder={amend ? t('alloc.signedAmount') : t('budget.amount')}
                        style={{ width: 180, maxWidth: '100%' }}
                        formatter={(x) => (x === undefined || x === null || (x as unknown) === '' ? '' : formatNumber(Number(x), 0))}
                        parser={(s) => Number((s ?? '').replace(/\./g, '').replace(',', '.')) || 0}
                        data-testid="alloc-line-amount"
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'note']}>
                      <Input placeholder={t('alloc.note')} style={{ width: 180, maxWidth: '100%' }} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(f.name)} disabled={fields.length <= 1} />
                  </Space>
                ))}
                <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
                  <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="alloc-add-line">{t('budget.addLine')}</Button>
                  <Typography.Text>{t('alloc.total')}: <strong data-testid="alloc-form-total">{formatMoney(total)}</strong></Typography.Text>
                </Space>
              </>
            )}
          </Form.List>
        </Card>
        <Space wrap>
          <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void save()} data-testid="alloc-save">
            {t('alloc.saveDraft')}
          </Button>
          <Button onClick={() => navigate(id ? `/allocation-decisions/${id}` : '/allocation-decisions')}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}
