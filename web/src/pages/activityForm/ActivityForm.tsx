// The quick-entry form of one activity (new or edited): the draft kept in this browser on every
// change, rules checked field by field as you type, the server's faults put on the fields they
// name, "save" and "save and enter the next". The sections are in this folder.
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Button, Card, Form, Input, Space, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { ApiError, activityApi } from '../../api/api';
import { useOffline } from '../../offline/OfflineProvider';
import { activityReads } from '../../api/activities';
import type { Activity, AgencyRef, OrgUnitRef, RecentActivity } from '../../api/types';
import { formatNumber, todayIso } from '../../format';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { useApi } from '../../useApi';
import {
  draftDefaults,
  draftFromActivity,
  draftFromRecent,
  draftKey,
  reachedTotal,
  toInput,
  validateActivity,
  type ActivityDraft,
  type Problem,
  type ReachDraft,
  type RowMap,
} from '../../activities';
import { useActivityTaxonomies, useProblemText } from '../ActivityParts';
import { toValues, type Values } from './values';
import { useKeptDraft } from './useKeptDraft';
import { problemFieldErrors, serverFieldErrors, type FieldErrors } from './fieldErrors';
import { ActivityFormHead } from './ActivityFormHead';
import { ActivityFormAlerts } from './ActivityFormAlerts';
import { WhatCard } from './WhatCard';
import { ReachRows } from './ReachRows';
import { OutputsCostsCards } from './OutputsCostsCards';
import { PlanLinks } from './PlanLinks';
import type { MoneyWarning } from '../../api/money';
import { MoneyWarnings } from './MoneyWarnings';

export function ActivityForm({ activity }: { activity: Activity | null }) {
  const { t, lang, errText } = useI18n();
  const { me } = useSession();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const offline = useOffline();
  const tax = useActivityTaxonomies();
  const problemText = useProblemText();
  const [form] = Form.useForm<Values>();
  const today = todayIso();
  const key = draftKey(me?.username ?? '', activity?.id ?? null);
  const base = useMemo(() => (activity ? draftFromActivity(activity) : draftDefaults(me, today)), [activity, me, today]);
  const [saving, setSaving] = useState<false | 'list' | 'next'>(false);
  const [error, setError] = useState<unknown>(null);
  const rowsRef = useRef<RowMap | undefined>(undefined);
  const orgUnitCode = Form.useWatch('orgUnitCode', form);
  const startDate = Form.useWatch('startDate', form);
  const planId = Form.useWatch('planId', form);
  const reach = Form.useWatch('reach', form) as ReachDraft[] | undefined;
  const year = startDate ? startDate.year() : Number(today.slice(0, 4));

  const { initial, restored, draftAt, currentDraft, keepDraft, scheduleDraft, forget } = useKeptDraft(form, key, base, activity);
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
    forget();
    setError(null);
    setValues(base);
  };

  const showFieldErrors = (list: FieldErrors) => {
    form.setFields(list.map((f) => ({ name: f.name as never, errors: f.errors })));
    if (list[0]) form.scrollToField(list[0].name as never);
  };
  const showProblems = (problems: Problem[]) => showFieldErrors(problemFieldErrors(problems, problemText));
  /** The server's faults on the fields they name; the rest stay in the banner. */
  const showServerErrors = (e: unknown) => {
    const known = new Set(form.getFieldsError().map((f) => f.name.join('.')));
    showFieldErrors(serverFieldErrors(e, known, rowsRef.current, lang, errText(e)));
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
    const recordKey = activity ? `activity:${activity.id}` : undefined;
    const queue = async () => {
      const item = await offline.enqueue(
        activity
          ? { kind: 'activity.update', label: input.title, method: 'PUT', path: `/api/activities/${activity.id}`, body: { ...input, version: activity.version } as unknown as Record<string, unknown>, recordKey, baseVersion: activity.version }
          : { kind: 'activity.create', label: input.title, method: 'POST', path: '/api/activities', body: input as unknown as Record<string, unknown> },
      );
      forget();
      message.info(t('offline.queued', { label: item.label }));
      if (then === 'next') {
        setValues({ ...base, orgUnitCode: d.orgUnitCode, leadAgencyId: d.leadAgencyId, interventionTypeCode: d.interventionTypeCode, startDate: d.startDate, endDate: d.endDate });
        window.scrollTo({ top: 0 });
      } else {
        navigate('/offline');
      }
    };
    // No network (or earlier edits of this record still wait): the save goes to the outbox.
    if (offline.shouldQueue(recordKey)) {
      try {
        await queue();
      } finally {
        setSaving(false);
      }
      return;
    }
    try {
      const saved = activity ? await activityApi.update(activity.id, { ...input, version: activity.version }) : await activityApi.create(input);
      forget();
      message.success(activity ? t('activity.saved') : t('activity.created', { title: saved?.title ?? input.title }));
      // Spending beyond what issued decisions allocated (docs/api-money.md §3): a warning with the
      // figures, never a refusal — the money is already spent. Shown over whatever page comes next.
      const warnings = (saved as { moneyWarnings?: MoneyWarning[] } | undefined)?.moneyWarnings ?? [];
      if (warnings.length) {
        modal.warning({
          title: t('money.overAllocationTitle'),
          width: 'min(560px, calc(100vw - 24px))',
          content: <MoneyWarnings warnings={warnings} />,
        });
      }
      if (then === 'next') {
        // Keep what repeats (unit, agency, type, dates); clear the rest.
        setValues({ ...base, orgUnitCode: d.orgUnitCode, leadAgencyId: d.leadAgencyId, interventionTypeCode: d.interventionTypeCode, startDate: d.startDate, endDate: d.endDate });
        window.scrollTo({ top: 0 });
      } else {
        navigate('/activities');
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 0) {
        // the network dropped during the save: the outbox sends it (its key prevents a double create)
        await queue();
        return;
      }
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
      <ActivityFormHead
        editing={!!activity}
        draftAt={draftAt}
        recent={recent.data?.items ?? []}
        recentLoading={recent.loading}
        onCopy={copyFrom}
      />

      <ActivityFormAlerts restored={restored} onDiscard={discardDraft} error={error} />

      <WhatCard
        rule={rule}
        orgUnitCode={orgUnitCode}
        startDate={startDate}
        initialUnit={copiedRefs.unit ?? activity?.orgUnit ?? me?.orgUnit}
        knownAgencies={knownAgencies}
      />

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

      <OutputsCostsCards form={form} rule={rule} />

      <Card size="small" title={t('activity.sectionLinks')} style={{ marginBottom: 12 }}>
        <PlanLinks
          form={form}
          year={year}
          orgUnitCode={orgUnitCode ?? undefined}
          startDate={startDate ? startDate.format('YYYY-MM-DD') : undefined}
          planId={planId ?? null}
          activity={activity}
          rule={rule}
        />
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
