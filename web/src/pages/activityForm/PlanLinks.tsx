// The links of an activity to the plan year: the programmes it serves and the plan activity it
// implements (both optional; the plan narrows the choice of its activities).
import { useMemo } from 'react';
import { Form, Select, Space } from 'antd';
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
