// /activities/new ("Ghi nhận nhanh") and /activities/:id/edit — one activity and the people it
// reached, made to be filled in by a commune officer in under a minute: the signed-in user's unit,
// agency and today are the defaults, a previous activity can be copied, and the draft is kept in
// localStorage on every change (restored on reload, dropped after a successful save) so a lost
// connection loses nothing. Every rule of the contract is checked field by field as you type
// (src/activities.ts); the server's own faults land on the fields they name.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  DatePicker,
  Dropdown,
  Form,
  Input,
  Select,
  Space,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import {
  ArrowLeftOutlined,
  CopyOutlined,
  DeleteOutlined,
  PlusOutlined,
  SaveOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { activityApi, ApiError } from '../api/api';
import type { Activity, AgencyRef, CodeName, OrgUnitRef, RecentActivity } from '../api/types';
import { formatDate, formatDateTime, formatNumber, todayIso } from '../format';
import { localName, useI18n } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { activityReads } from '../api/activities';
import { planApi, programmeApi } from '../api/plans';
import { ErrorAlert } from '../components/ResultPages';
import { AgencyPicker } from '../components/AgencyPicker';
import { OrgUnitSelect } from '../components/OrgUnitSelect';
import { CountInput } from '../components/CountInput';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../components/dates';
import {
  clearDraft,
  draftDefaults,
  draftFromActivity,
  draftFromRecent,
  draftKey,
  formFieldOf,
  loadDraft,
  nearestField,
  reachedTotal,
  sameDraft,
  saveDraft,
  toInput,
  validateActivity,
  type ActivityDraft,
  type KeyValueStore,
  type Problem,
  type ReachDraft,
  type RowMap,
  type StoredDraft,
} from '../activities';
import { useActivityTaxonomies, useProblemText } from './ActivityParts';

type Id = string | number;

/** The form's values: the draft with dates as dayjs for the pickers. */
type Values = Omit<ActivityDraft, 'startDate' | 'endDate'> & { startDate: Dayjs | null; endDate: Dayjs | null };

const toValues = (d: ActivityDraft): Values => ({ ...d, startDate: isoToDayjs(d.startDate), endDate: isoToDayjs(d.endDate) });

function toDraft(v: Partial<Values>): ActivityDraft {
  return {
    title: v.title ?? '',
    interventionTypeCode: v.interventionTypeCode ?? null,
    orgUnitCode: v.orgUnitCode ?? null,
    leadAgencyId: v.leadAgencyId ?? null,
    partnerAgencyIds: v.partnerAgencyIds ?? [],
    programmeIds: v.programmeIds ?? [],
    planId: v.planId ?? null,
    planActivityId: v.planActivityId ?? null,
    startDate: dayjsToIso(v.startDate) ?? null,
    endDate: dayjsToIso(v.endDate) ?? null,
    reach: (v.reach ?? []).map((r) => ({ ...(r ?? {}) })),
    outputs: (v.outputs ?? []).map((r) => ({ ...(r ?? {}) })),
    costs: (v.costs ?? []).map((r) => ({ ...(r ?? {}) })),
    note: v.note ?? '',
  };
}

function storage(): KeyValueStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export default function ActivityFormPage() {
  const { id } = useParams();
  const editing = id !== undefined;
  const { me } = useSession();
  const { t } = useI18n();
  const existing = useApi(editing ? activityReads.one(id) : null);

  if (!me) return null;
  if (editing) {
    if (existing.error) return <ErrorAlert error={existing.error} onRetry={existing.reload} />;
    if (!existing.data) return <Card loading />;
  }
  return (
    <div>
      <Space style={{ marginBottom: 8 }}>
        <Link to="/activities">
          <ArrowLeftOutlined /> {t('activity.back')}
        </Link>
      </Space>
      <ActivityForm key={editing ? `${id}:${existing.data?.version}` : 'new'} activity={editing ? existing.data! : null} />
    </div>
  );
}

function ActivityForm({ activity }: { activity: Activity | null }) {
  const { t, lang, errText } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const tax = useActivityTaxonomies();
  const problemText = useProblemText();
  const [form] = Form.useForm<Values>();
  const today = todayIso();
  const key = draftKey(me?.username ?? '', activity?.id ?? null);
  const base = useMemo(() => (activity ? draftFromActivity(activity) : draftDefaults(me, today)), [activity, me, today]);
  const [restored, setRestored] = useState<StoredDraft | null>(null);
  const [draftAt, setDraftAt] = useState<string | null>(null);
  const [saving, setSaving] = useState<false | 'list' | 'next'>(false);
  const [error, setError] = useState<unknown>(null);
  const rowsRef = useRef<RowMap | undefined>(undefined);
  const timer = useRef<number | null>(null);
  const orgUnitCode = Form.useWatch('orgUnitCode', form);
  const startDate = Form.useWatch('startDate', form);
  const planId = Form.useWatch('planId', form);
  const reach = Form.useWatch('reach', form) as ReachDraft[] | undefined;
  const year = startDate ? startDate.year() : Number(today.slice(0, 4));

  // Restore a kept draft once, on mount (for an edit only if it was made on this version).
  const initial = useMemo(() => {
    const stored = loadDraft(storage(), key);
    if (stored && (activity ? stored.baseVersion === activity.version : true) && !sameDraft(stored.values, base)) {
      return { values: stored.values, stored };
    }
    if (stored) clearDraft(storage(), key);
    return { values: base, stored: null };
    // Only on mount: later changes are the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    setRestored(initial.stored);
    setDraftAt(initial.stored?.savedAt ?? null);
  }, [initial]);

  const currentDraft = useCallback(() => toDraft(form.getFieldsValue(true) as Values), [form]);

  const keepDraft = useCallback(() => {
    timer.current = null;
    const d = currentDraft();
    if (sameDraft(d, base)) {
      clearDraft(storage(), key);
      setDraftAt(null);
    } else if (saveDraft(storage(), key, d, new Date(), activity?.version ?? null)) {
      setDraftAt(new Date().toISOString());
    }
  }, [currentDraft, base, key, activity]);

  const scheduleDraft = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(keepDraft, 300);
  }, [keepDraft]);

  // A pending draft write is flushed when the page goes away.
  useEffect(() => {
    const flush = () => {
      if (timer.current !== null) {
        window.clearTimeout(timer.current);
        keepDraft();
      }
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [keepDraft]);

  /** A rule that reports the client-side fault of `field` ("reach[0].total"). */
  const rule = (field: string): Rule => ({
    validator: async () => {
      const p = validateActivity(currentDraft(), today).find((x) => x.field === field);
      if (p) throw new Error(problemText(p));
    },
  });

  const setValues = (d: ActivityDraft) => {
    form.resetFields();
    form.setFieldsValue(toValues(d));
  };

  const discardDraft = () => {
    clearDraft(storage(), key);
    setRestored(null);
    setDraftAt(null);
    setError(null);
    setValues(base);
  };

  const showProblems = (problems: Problem[]) => {
    form.setFields(
      problems.map((p) => ({ name: formFieldOf(p.field) as never, errors: [problemText(p)] })),
    );
    if (problems[0]) form.scrollToField(formFieldOf(problems[0].field) as never);
  };

  /** The server's faults on the fields they name; the rest stay in the banner. */
  const showServerErrors = (e: unknown) => {
    if (!(e instanceof ApiError) || e.status !== 400) return;
    const known = new Set(form.getFieldsError().map((f) => f.name.join('.')));
    const issues = e.details.length ? e.details : e.field ? [{ field: e.field, message: e.messageVi, messageEn: e.messageEn }] : [];
    const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
    for (const i of issues) {
      const name = nearestField(formFieldOf(i.field, rowsRef.current), known);
      if (!name) continue;
      const k = name.join('.');
      const text = (lang === 'en' ? i.messageEn || i.message : i.message || i.messageEn) || errText(e);
      const entry = byField.get(k) ?? { name, errors: [] };
      if (!entry.errors.includes(text)) entry.errors.push(text);
      byField.set(k, entry);
    }
    const list = [...byField.values()];
    form.setFields(list.map((f) => ({ name: f.name as never, errors: f.errors })));
    if (list[0]) form.scrollToField(list[0].name as never);
  };

  const submit = async (then: 'list' | 'next') => {
    setError(null);
    try {
      await form.validateFields();
    } catch {
      // The rules have marked the fields; also set what only the whole-form check sees.
      showProblems(validateActivity(currentDraft(), today));
      return;
    }
    const d = currentDraft();
    const problems = validateActivity(d, today);
    if (problems.length) {
      showProblems(problems);
      return;
    }
    const { input, rows } = toInput(d);
    rowsRef.current = rows;
    setSaving(then);
    try {
      const saved = activity ? await activityApi.update(activity.id, { ...input, version: activity.version }) : await activityApi.create(input);
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
      clearDraft(storage(), key);
      setDraftAt(null);
      setRestored(null);
      message.success(activity ? t('activity.saved') : t('activity.created', { title: saved?.title ?? input.title }));
      if (then === 'next') {
        // Keep what repeats (unit, agency, type, dates); clear the rest.
        setValues({ ...base, orgUnitCode: d.orgUnitCode, leadAgencyId: d.leadAgencyId, interventionTypeCode: d.interventionTypeCode, startDate: d.startDate, endDate: d.endDate });
        window.scrollTo({ top: 0 });
      } else {
        navigate('/activities');
      }
    } catch (e) {
      setError(e);
      showServerErrors(e);
    } finally {
      setSaving(false);
    }
  };

  const recent = useApi(activity ? null : activityReads.recent(10));
  const [copiedRefs, setCopiedRefs] = useState<{ unit?: OrgUnitRef; agency?: AgencyRef }>({});
  const copyFrom = (r: RecentActivity) => {
    setCopiedRefs({ unit: r.orgUnit, agency: r.leadAgency });
    setValues(draftFromRecent(r, today));
    keepDraft();
    message.info(t('activity.copied', { title: r.title }));
  };

  const conflict = error instanceof ApiError && error.status === 409;
  const knownAgencies: AgencyRef[] = useMemo(() => {
    const out: AgencyRef[] = [];
    if (me?.agency) out.push(me.agency);
    if (activity) out.push(activity.leadAgency, ...(activity.partners ?? []));
    if (copiedRefs.agency) out.push(copiedRefs.agency);
    return out;
  }, [me, activity, copiedRefs]);
  const total = reachedTotal(reach ?? []);

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={toValues(initial.values)}
      onValuesChange={scheduleDraft}
      onFinish={() => void submit('list')}
      data-testid="activity-form"
      requiredMark
    >
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
        <Space direction="vertical" size={0}>
          <Typography.Title level={3} className="lg-page-title" style={{ marginBottom: 0 }}>
            {activity ? t('activity.editTitle') : t('activity.quickEntryTitle')}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="activity-draft-status">
            {draftAt ? t('activity.draftKept', { at: formatDateTime(draftAt) }) : t('activity.draftHint')}
          </Typography.Text>
        </Space>
        {!activity && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: (recent.data?.items ?? []).length
                ? (recent.data?.items ?? []).map((r, i) => ({
                    key: String(r.id ?? i),
                    label: (
                      <span data-testid="activity-copy-item">
                        {r.startDate ? `${formatDate(r.startDate)} · ` : ''}
                        {r.title}
                      </span>
                    ),
                    onClick: () => copyFrom(r),
                  }))
                : [{ key: 'none', label: recent.loading ? t('common.loading') : t('activity.noRecent'), disabled: true }],
            }}
          >
            <Button icon={<CopyOutlined />} data-testid="activity-copy">
              {t('activity.copyPrevious')}
            </Button>
          </Dropdown>
        )}
      </Space>

      {restored && (
        <Alert
          type="info"
          showIcon
          style={{ margin: '12px 0' }}
          data-testid="activity-draft-restored"
          message={t('activity.draftRestored', { at: formatDateTime(restored.savedAt) })}
          action={
            <Button size="small" icon={<UndoOutlined />} onClick={discardDraft} data-testid="activity-draft-discard">
              {t('activity.draftDiscard')}
            </Button>
          }
        />
      )}
      {!!error && (
        <Alert
          type="error"
          showIcon
          style={{ margin: '12px 0' }}
          data-testid="activity-save-error"
          message={conflict ? t('error.conflict') : errText(error)}
          description={
            error instanceof ApiError && error.details.length > 1 ? (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {error.details.map((d, i) => (
                  <li key={i}>{lang === 'en' ? d.messageEn || d.message : d.message || d.messageEn}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}

      <Card size="small" title={t('activity.sectionWhat')} style={{ margin: '12px 0' }}>
        <Form.Item name="title" label={t('activity.name')} required rules={[rule('title')]}>
          <Input maxLength={300} placeholder={t('activity.titlePlaceholder')} data-testid="activity-title" autoFocus />
        </Form.Item>
        <Space align="start" wrap size={[16, 0]}>
          <Form.Item name="interventionTypeCode" label={t('activity.interventionType')} required rules={[rule('interventionTypeCode')]}>
            <Select
              showSearch
              optionFilterProp="label"
              style={{ width: 380 }}
              placeholder={t('activity.chooseType')}
              options={tax.options(tax.interventionTypes)}
              data-testid="activity-type"
            />
          </Form.Item>
          <Form.Item name="startDate" label={t('activity.startDate')} required dependencies={['endDate']} rules={[rule('startDate')]}>
            <DatePicker
              format={DATE_FORMAT}
              placeholder={t('common.datePlaceholder')}
              disabledDate={(d) => d.format('YYYY-MM-DD') > today}
              data-testid="activity-start"
            />
          </Form.Item>
          <Form.Item name="endDate" label={t('activity.endDate')} required dependencies={['startDate']} rules={[rule('endDate')]}>
            <DatePicker
              format={DATE_FORMAT}
              placeholder={t('common.datePlaceholder')}
              disabledDate={(d) => d.format('YYYY-MM-DD') > today}
              data-testid="activity-end"
            />
          </Form.Item>
        </Space>
        <Space align="start" wrap size={[16, 0]}>
          <Form.Item name="orgUnitCode" label={t('activity.orgUnit')} required rules={[rule('orgUnitCode')]}>
            <OrgUnitSelect initial={copiedRefs.unit ?? activity?.orgUnit ?? me?.orgUnit} asOf={dayjsToIso(startDate)} style={{ width: 320 }} data-testid="activity-org" />
          </Form.Item>
          <Form.Item name="leadAgencyId" label={t('activity.lead')} required rules={[rule('leadAgencyId')]}>
            <AgencyPicker orgUnitCode={orgUnitCode} known={knownAgencies} style={{ width: 320 }} data-testid="activity-lead" />
          </Form.Item>
          <Form.Item name="partnerAgencyIds" label={t('activity.partners')} rules={[rule('partnerAgencyIds')]}>
            <AgencyPicker multiple orgUnitCode={orgUnitCode} known={knownAgencies} style={{ width: 360 }} data-testid="activity-partners" />
          </Form.Item>
        </Space>
      </Card>

      <Card
        size="small"
        title={t('activity.reachTitle')}
        extra={
          <Typography.Text data-testid="activity-reach-total">
            {t('activity.reachSum', { n: formatNumber(total) })}
          </Typography.Text>
        }
        style={{ marginBottom: 12 }}
      >
        <ReachRows form={form} rule={rule} groups={tax.options(tax.targetGroups)} bands={tax.ageBands} />
      </Card>

      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
        <Card size="small" title={t('activity.outputsTitle')} style={{ flex: '1 1 480px' }}>
          <Form.List name="outputs">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap data-testid="activity-output-row">
                    <Form.Item name={[f.name, 'kind']} rules={[rule(`outputs[${f.name}].kind`)]}>
                      <Select
                        showSearch
                        optionFilterProp="label"
                        style={{ width: 300 }}
                        placeholder={t('activity.outputKind')}
                        options={tax.options(tax.outputKinds)}
                        data-testid="activity-output-kind"
                      />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate={(a, b) => a.outputs?.[f.name]?.kind !== b.outputs?.[f.name]?.kind}>
                      {() => (
                        <Form.Item name={[f.name, 'quantity']} rules={[rule(`outputs[${f.name}].quantity`)]}>
                          <CountInput
                            style={{ width: 170 }}
                            placeholder={t('activity.quantity')}
                            addonAfter={tax.isMoneyKind(form.getFieldValue(['outputs', f.name, 'kind'])) ? t('activity.vnd') : undefined}
                            data-testid="activity-output-quantity"
                          />
                        </Form.Item>
                      )}
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="activity-add-output">
                  {t('activity.addOutput')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card size="small" title={t('activity.costsTitle')} style={{ flex: '1 1 480px' }}>
          <Form.List name="costs">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap data-testid="activity-cost-row">
                    <Form.Item name={[f.name, 'fundingSource']} rules={[rule(`costs[${f.name}].fundingSource`)]}>
                      <Select
                        style={{ width: 260 }}
                        placeholder={t('budget.source')}
                        options={tax.options(tax.fundingSources)}
                        data-testid="activity-cost-source"
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'amount']} rules={[rule(`costs[${f.name}].amount`)]}>
                      <CountInput style={{ width: 200 }} step={100000} placeholder={t('budget.amount')} addonAfter={t('activity.vnd')} data-testid="activity-cost-amount" />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="activity-add-cost">
                  {t('activity.addCost')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
      </div>

      <Card size="small" title={t('activity.sectionLinks')} style={{ marginBottom: 12 }}>
        <PlanLinks form={form} year={year} planId={planId ?? null} activity={activity} rule={rule} />
        <Form.Item name="note" label={t('common.note')} style={{ marginBottom: 0 }}>
          <Input.TextArea rows={2} maxLength={4000} data-testid="activity-note" />
        </Form.Item>
      </Card>

      <Space wrap>
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving === 'list'} disabled={!!saving} data-testid="activity-save">
          {t('common.save')}
        </Button>
        {!activity && (
          <Button icon={<PlusOutlined />} loading={saving === 'next'} disabled={!!saving} onClick={() => void submit('next')} data-testid="activity-save-next">
            {t('activity.saveAndNext')}
          </Button>
        )}
        <Link to="/activities">
          <Button>{t('common.cancel')}</Button>
        </Link>
      </Space>
    </Form>
  );
}

/** The people-reached rows: target group, total, female, male, and the age bands folded away. */
function ReachRows({
  form,
  rule,
  groups,
  bands,
}: {
  form: FormInstance<Values>;
  rule: (field: string) => Rule;
  groups: { value: string; label: string }[];
  bands: CodeName[];
}) {
  const { t } = useI18n();
  return (
    <Form.List name="reach">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => {
            const p = `reach[${f.name}]`;
            const dep = (k: string) => ['reach', f.name, k];
            const label = (k: Parameters<typeof t>[0]) => (i === 0 ? t(k) : undefined);
            const ages = (form.getFieldValue(['reach', f.name, 'ages']) ?? {}) as Record<string, number | null>;
            const hasAges = Object.values(ages).some((n) => typeof n === 'number');
            return (
              <div key={f.key} className="lg-reach-row" data-testid="activity-reach-row">
                <Space align="start" wrap size={[12, 0]}>
                  <Form.Item name={[f.name, 'targetGroup']} label={label('activity.targetGroup')} rules={[rule(`${p}.targetGroup`)]}>
                    <Select
                      showSearch
                      optionFilterProp="label"
                      style={{ width: 380 }}
                      placeholder={t('activity.chooseGroup')}
                      options={groups}
                      popupMatchSelectWidth={false}
                      data-testid="activity-reach-group"
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'total']} label={label('activity.total')} rules={[rule(`${p}.total`)]} className="lg-count" style={{ width: 130 }}>
                    <CountInput placeholder={t('activity.total')} data-testid="activity-reach-total-input" />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'female']}
                    label={label('activity.female')}
                    dependencies={[dep('total'), dep('male')]}
                    rules={[rule(`${p}.female`)]}
                    className="lg-count"
                    style={{ width: 110 }}
                  >
                    <CountInput style={{ width: 110 }} placeholder={t('activity.female')} data-testid="activity-reach-female" />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'male']}
                    label={label('activity.male')}
                    dependencies={[dep('total')]}
                    rules={[rule(`${p}.male`)]}
                    className="lg-count"
                    style={{ width: 110 }}
                  >
                    <CountInput style={{ width: 110 }} placeholder={t('activity.male')} data-testid="activity-reach-male" />
                  </Form.Item>
                  <Form.Item label={i === 0 ? ' ' : undefined}>
                    <Button icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(f.name)} />
                  </Form.Item>
                </Space>
                <Collapse
                  ghost
                  size="small"
                  defaultActiveKey={hasAges ? ['ages'] : []}
                  className="lg-ages"
                  items={[
                    {
                      key: 'ages',
                      label: t('activity.agesToggle'),
                      forceRender: true,
                      children: (
                        <Form.Item name={[f.name, 'ages']} dependencies={[dep('total')]} rules={[rule(`${p}.ages`)]} style={{ marginBottom: 0 }}>
                          <AgeBandsInput bands={bands} />
                        </Form.Item>
                      ),
                    },
                  ]}
                />
              </div>
            );
          })}
          <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="activity-add-reach">
            {t('activity.addReach')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** One count per age band (all optional; when any is given they sum to the row's total). */
function AgeBandsInput({
  bands,
  value,
  onChange,
}: {
  bands: CodeName[];
  value?: Record<string, number | null> | null;
  onChange?: (v: Record<string, number | null> | null) => void;
}) {
  const { lang } = useI18n();
  const v = value ?? {};
  const sum = Object.values(v).reduce<number>((s, n) => s + (typeof n === 'number' ? n : 0), 0);
  return (
    <Space wrap size={[8, 8]} data-testid="activity-ages">
      {bands
        .filter((b) => b.active !== false || typeof v[b.code] === 'number')
        .map((b) => (
          <Space.Compact key={b.code}>
            <span className="lg-age-label">{localName(b, lang, b.code)}</span>
            <CountInput
              style={{ width: 90 }}
              value={v[b.code] ?? null}
              onChange={(n) => {
                const next = { ...v, [b.code]: n ?? null };
                onChange?.(Object.values(next).some((x) => typeof x === 'number') ? next : null);
              }}
              data-testid={`activity-age-${b.code}`}
            />
          </Space.Compact>
        ))}
      <Typography.Text type="secondary">Σ {formatNumber(sum)}</Typography.Text>
    </Space>
  );
}

/** Programmes and the plan activity this one implements (both optional). */
function PlanLinks({
  form,
  year,
  planId,
  activity,
  rule,
}: {
  form: FormInstance<Values>;
  year: number;
  planId: Id | null;
  activity: Activity | null;
  rule: (field: string) => Rule;
}) {
  const { t } = useI18n();
  const tax = useActivityTaxonomies();
  const programmes = useApi(programmeApi.list({ year, pageSize: 500, sort: 'name' }));
  const plans = useApi(planApi.list({ year, pageSize: 200, sort: 'title' }));
  const plan = useApi(planId !== null && planId !== undefined && planId !== '' ? planApi.one(planId) : null);

  const programmeOptions = useMemo(() => {
    const list = (programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
    for (const p of activity?.programmes ?? []) if (!list.some((o) => String(o.value) === String(p.id))) list.push({ value: p.id, label: p.name });
    return list;
  }, [programmes.data, activity]);
  const planOptions = useMemo(() => {
    const list = (plans.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.title} · ${p.orgUnit?.name ?? ''}` }));
    const pa = activity?.planActivity;
    if (pa && !list.some((o) => String(o.value) === String(pa.planId))) list.push({ value: pa.planId, label: pa.planTitle });
    return list;
  }, [plans.data, activity]);
  const activityOptions = useMemo(() => {
    // A plan activity without an id (the plan's answer may not carry one) is shown but cannot be picked.
    const list: { value: Id; label: string; disabled?: boolean }[] = (plan.data?.activities ?? []).map((a, i) => ({
      value: a.id ?? `#${i}`,
      label: `${a.description} (${tax.typeName(a.interventionType)})`,
      disabled: a.id === undefined || a.id === null,
    }));
    const pa = activity?.planActivity;
    if (pa && String(pa.planId) === String(planId) && !list.some((o) => String(o.value) === String(pa.id))) {
      list.push({ value: pa.id, label: pa.description });
    }
    return list;
  }, [plan.data, activity, planId, tax]);

  return (
    <Space align="start" wrap size={[16, 0]}>
      <Form.Item name="programmeIds" label={t('activity.programmes')} rules={[rule('programmeIds')]}>
        <Select
          mode="multiple"
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 360 }}
          placeholder={t('activity.noProgramme')}
          loading={programmes.loading}
          options={programmeOptions}
          data-testid="activity-programmes"
        />
      </Form.Item>
      <Form.Item name="planId" label={t('activity.planOf', { year })}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 320 }}
          placeholder={t('activity.unplannedHint')}
          loading={plans.loading}
          options={planOptions}
          popupMatchSelectWidth={false}
          onChange={() => form.setFieldValue('planActivityId', null)}
          data-testid="activity-plan"
        />
      </Form.Item>
      <Form.Item
        name="planActivityId"
        label={t('activity.planActivity')}
        rules={[rule('planActivityId')]}
        extra={
          planId && !plan.loading && !activityOptions.some((o) => !o.disabled)
            ? t(activityOptions.length ? 'activity.planNoIds' : 'activity.planNoActivities')
            : undefined
        }
      >
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 360 }}
          disabled={!planId}
          loading={plan.loading}
          placeholder={planId ? t('activity.choosePlanActivity') : t('activity.choosePlanFirst')}
          options={activityOptions}
          popupMatchSelectWidth={false}
          data-testid="activity-plan-activity"
        />
      </Form.Item>
    </Space>
  );
}
