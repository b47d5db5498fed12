// "What": the activity's name, intervention type, dates, unit, lead and partner agencies.
import { Card, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import type { AgencyRef, OrgUnitRef } from '../../api/types';
import { todayIso } from '../../format';
import { useI18n } from '../../i18n';
import { AgencyPicker } from '../../components/AgencyPicker';
import { OrgUnitSelect } from '../../components/OrgUnitSelect';
import { DATE_FORMAT, dayjsToIso } from '../../components/dates';
import { useActivityTaxonomies } from '../ActivityParts';

export function WhatCard({
  rule,
  orgUnitCode,
  startDate,
  initialUnit,
  knownAgencies,
}: {
  rule: (field: string) => Rule;
  orgUnitCode: string | null | undefined;
  startDate: Dayjs | null | undefined;
  /** The unit to show by name before the picker has loaded it. */
  initialUnit: OrgUnitRef | null | undefined;
  knownAgencies: AgencyRef[];
}) {
  const { t } = useI18n();
  const tax = useActivityTaxonomies();
  const today = todayIso();
  return (
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
          <OrgUnitSelect initial={initialUnit ?? undefined} asOf={dayjsToIso(startDate)} style={{ width: 320 }} data-testid="activity-org" />
        </Form.Item>
        <Form.Item name="leadAgencyId" label={t('activity.lead')} required rules={[rule('leadAgencyId')]}>
          <AgencyPicker orgUnitCode={orgUnitCode} known={knownAgencies} style={{ width: 320 }} data-testid="activity-lead" />
        </Form.Item>
        <Form.Item name="partnerAgencyIds" label={t('activity.partners')} rules={[rule('partnerAgencyIds')]}>
          <AgencyPicker multiple orgUnitCode={orgUnitCode} known={knownAgencies} style={{ width: 360 }} data-testid="activity-partners" />
        </Form.Item>
      </Space>
    </Card>
  );
}
