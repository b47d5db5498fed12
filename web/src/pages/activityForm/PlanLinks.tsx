// The links of an activity to the plan year: the programmes it serves and the plan activity it
// implements (both optional; the plan narrows the choice of its activities). The plans offered are
// the approved plans of the activity's unit and of the units above it (a commune implements its
// province's plan) for the year of its start date (GET /api/plans/linkable).
import { useMemo } from 'react';
import { Form, Select, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Activity } from '../../api/types';
import { planApi, programmeApi } from '../../api/plans';
import { useI18n } from '../../i18n';
import { useApi } from '../../useApi';
import { useActivityTaxonomies } from '../ActivityParts';
import type { Id, Values } from './values';

/** Programmes and the plan activity this one implements (both optional). */
export function PlanLinks({
  form,
  year,
  orgUnitCode,
  startDate,
  planId,
  activity,
  rule,
}: {
  form: FormInstance<Values>;
  year: number;
  /** The activity's unit and start day: which plans it may implement. */
  orgUnitCode: string | undefined;
  startDate: string | undefined;
  planId: Id | null;
  activity: Activity | null;
  rule: (field: string) => Rule;
}) {
  const { t } = useI18n();
  const tax = useActivityTaxonomies();
  const programmes = useApi(programmeApi.list({ year, pageSize: 500, sort: 'name' }));
  const plans = useApi(planApi.linkable({ orgUnit: orgUnitCode || undefined, date: startDate || `${year}-01-01` }));
  const chosen = (plans.data?.items ?? []).find((p) => String(p.id) === String(planId));

  const programmeOptions = useMemo(() => {
    const list = (programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
    for (const p of activity?.programmes ?? []) if (!list.some((o) => String(o.value) === String(p.id))) list.push({ value: p.id, label: p.name });
    return list;
  }, [programmes.data, activity]);
  const planOptions = useMemo(() => {
    const list = (plans.data?.items ?? []).map((p) => ({
      value: p.id,
      label: `${p.title} · ${p.orgUnit?.name ?? ''}${p.decision ? ` · ${p.decision.number}` : ''}`,
    }));
    const pa = activity?.planActivity;
    if (pa && !list.some((o) => String(o.value) === String(pa.planId))) list.push({ value: pa.planId, label: pa.planTitle });
    return list;
  }, [plans.data, activity]);
  const activityOptions = useMemo(() => {
    // A plan activity without an id (the plan's answer may not carry one) is shown but cannot be picked.
    const list: { value: Id; label: string; disabled?: boolean }[] = (chosen?.activities ?? []).map((a) => ({
      value: a.id,
      label: `${a.description} (${tax.typeName(a.interventionType)})`,
    }));
    const pa = activity?.planActivity;
    if (pa && String(pa.planId) === String(planId) && !list.some((o) => String(o.value) === String(pa.id))) {
      list.push({ value: pa.id, label: pa.description });
    }
    return list;
  }, [chosen, activity, planId, tax]);
  const unitName = plans.data?.orgUnit?.name ?? '';
  const none = !plans.loading && !!plans.data && plans.data.items.length === 0;

  return (
    <>
    <Typography.Paragraph type={none ? 'warning' : 'secondary'} style={{ marginBottom: 8 }} data-testid="activity-plan-hint">
      {t(none ? 'activity.noLinkablePlans' : 'activity.planLinkHint', { year, unit: unitName })}
    </Typography.Paragraph>
    <Space align="start" wrap size={[16, 0]} className="lg-plan-links">
      <Form.Item name="programmeIds" label={t('activity.programmes')} rules={[rule('programmeIds')]}>
        <Select
          mode="multiple"
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 360, maxWidth: '100%' }}
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
          style={{ width: 320, maxWidth: '100%' }}
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
          planId && !plans.loading && !activityOptions.some((o) => !o.disabled)
            ? t(activityOptions.length ? 'activity.planNoIds' : 'activity.planNoActivities')
            : undefined
        }
      >
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 360, maxWidth: '100%' }}
          disabled={!planId}
          loading={plans.loading}
          placeholder={planId ? t('activity.choosePlanActivity') : t('activity.choosePlanFirst')}
          options={activityOptions}
          popupMatchSelectWidth={false}
          data-testid="activity-plan-activity"
        />
      </Form.Item>
    </Space>
    </>
  );
}
