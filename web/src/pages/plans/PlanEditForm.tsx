// The plan being edited (draft or returned): title and note, then the three sections —
// beneficiaries, interventions, resources — as editable rows. Enter never sends it (only "Lưu"
// does, after every field is checked); a beneficiary without a reviewed programme of the year says
// why and links to the programme review.
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import type { Plan } from '../../api/types';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n';
import { AgencyPicker } from '../../components/AgencyPicker';
import { OrgUnitSelect } from '../../components/OrgUnitSelect';
import { DATE_FORMAT } from '../../components/dates';
import type { ActivityRow, Values } from './planValues';
import { formatMoney, planTotalsBySource, sumLines } from '../../money';
import type { PlanLookups } from './usePlanLookups';

export function PlanEditForm({
  form,
  plan,
  lookups,
  saving,
  onSave,
  onCancel,
}: {
  form: FormInstance<Values>;
  plan: Plan;
  lookups: PlanLookups;
  saving: boolean;
  onSave: (v: Values) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const { targetGroups, interventionTypes, fundingSources, codeOptions, programmeOptions, programmesLoading, knownAgencies } = lookups;
  const [errorCount, setErrorCount] = useState(0);
  // Budgets per activity (issue 19): the totals are computed on screen as they are typed.
  const watchedActivities = (Form.useWatch('activities', form) ?? []) as ActivityRow[];
  const perActivity = watchedActivities.some((a) => (a?.budget ?? []).length > 0);
  const byPlanSource = planTotalsBySource(watchedActivities);
  const amountInput = (testId: string, min = 0) => (
    <InputNumber<number>
      min={min}
      step={1000000}
      placeholder={t('budget.amount')}
      style={{ width: 180, maxWidth: '100%' }}
      formatter={(v) => (v === undefined || v === null || (v as unknown) === '' ? '' : formatNumber(Number(v), 0))}
      parser={(s) => Number((s ?? '').replace(/\./g, '').replace(',', '.')) || 0}
      data-testid={testId}
    />
  );
  // The programme review of the plan's unit and year: where a missing programme is added.
  const reviewLink = `/programmes?year=${plan.year}&orgUnit=${encodeURIComponent(plan.orgUnit.code)}`;
  const noProgrammes = !programmesLoading && programmeOptions.length === 0;
  const programmesEmpty = (
    <div style={{ padding: 8, whiteSpace: 'normal' }} data-testid="plan-no-programmes">
      {t('plan.noProgrammes', { unit: plan.orgUnit.name, year: plan.year })}{' '}
      <Link to={reviewLink}>{t('plan.reviewProgrammes', { year: plan.year })}</Link>
    </div>
  );
  /** Saving checks every field first; on a fault the editor stays open on the marked fields. */
  const save = async () => {
    try {
      const v = await form.validateFields();
      setErrorCount(0);
      onSave(v);
    } catch (e) {
      const n = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields ?? [];
      setErrorCount(n.length);
      if (n[0]) form.scrollToField(n[0].name);
    }
  };
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={() => void save()}
      data-testid="plan-form"
      onKeyDown={(e) => {
        // Enter in a field (a date, a number) never sends the plan: only the save button does
        if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
      }}
    >
      {errorCount > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('plan.fixErrors', { n: errorCount })} data-testid="plan-form-errors" />
      )}
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

      <Card
        size="small"
        title={`1. ${t('plan.sections.beneficiaries')}`}
        style={{ marginBottom: 12 }}
      >
        {noProgrammes ? (
          <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={programmesEmpty} data-testid="plan-programmes-missing" />
        ) : (
          <div style={{ marginBottom: 8 }}>
            <Link to={reviewLink} data-testid="plan-review-programmes">{t('plan.programmesOfYear', { year: plan.year })}</Link>
          </div>
        )}
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
                      notFoundContent={programmesEmpty}
                      popupMatchSelectWidth={false}
                      dropdownStyle={{ maxWidth: 'min(420px, calc(100vw - 24px))' }}
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
                    <Form.Item
                      name={[f.name, 'endDate']}
                      label={t('plan.end')}
                      dependencies={[['activities', f.name, 'startDate']]}
                      rules={[
                        ({ getFieldValue }) => ({
                          validator: async (_r, end: Dayjs | null | undefined) => {
                            const start = getFieldValue(['activities', f.name, 'startDate']) as Dayjs | null | undefined;
                            if (start && end && end.isBefore(start, 'day')) throw new Error(t('plan.endBeforeStart'));
                          },
                        }),
                      ]}
                    >
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
                  <div data-testid="plan-activity-budget">
                    <Typography.Text strong>{t('money.activityBudget')}</Typography.Text>
                    <Form.List name={[f.name, 'budget']}>
                      {(lines, ops) => (
                        <>
                          {lines.map((l) => (
                            <Space key={l.key} align="start" wrap className="lg-plan-row" data-testid="plan-activity-budget-row">
                              <Form.Item name={[l.name, 'fundingSource']} rules={[{ required: true, message: t('common.required') }]}>
                                <Select style={{ width: 220, maxWidth: '100%' }} placeholder={t('budget.source')} options={codeOptions(fundingSources)} data-testid="plan-activity-budget-source" />
                              </Form.Item>
                              <Form.Item name={[l.name, 'programmeId']}>
                                <Select allowClear style={{ width: 220, maxWidth: '100%' }} placeholder={t('money.hostProgramme')} options={programmeOptions} showSearch optionFilterProp="label"
                                  popupMatchSelectWidth={false} data-testid="plan-activity-budget-programme" />
                              </Form.Item>
                              <Form.Item name={[l.name, 'amount']} rules={[{ required: true, message: t('common.required') }]}>
                                {amountInput('plan-activity-budget-amount')}
                              </Form.Item>
                              <Button icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => ops.remove(l.name)} />
                            </Space>
                          ))}
                          <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
                            <Button size="small" icon={<PlusOutlined />} onClick={() => ops.add({})} data-testid="plan-activity-add-budget">
                              {t('budget.addLine')}
                            </Button>
                            <Typography.Text data-testid="plan-activity-budget-total">
                              {t('money.activityTotal')}: <strong>{formatMoney(sumLines(watchedActivities[f.name]?.budget))}</strong>
                            </Typography.Text>
                          </Space>
                        </>
                      )}
                    </Form.List>
                  </div>
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
        {perActivity ? (
          <div data-testid="plan-derived-budget">
            <Typography.Paragraph type="secondary">{t('money.derivedHint')}</Typography.Paragraph>
            {byPlanSource.map(([src, n]) => (
              <div key={src} style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }} data-testid="plan-derived-source">
                <span>{codeOptions(fundingSources).find((o) => o.value === src)?.label ?? src}</span>
                <span>{formatMoney(n)}</span>
              </div>
            ))}
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, borderTop: '1px solid #f0f0f0', marginTop: 4, paddingTop: 4 }}>
              <strong>{t('budget.total')}</strong>
              <strong data-testid="plan-derived-total">{formatMoney(byPlanSource.reduce((a, [, n]) => a + n, 0))}</strong>
            </div>
          </div>
        ) : (
        <>
        <Typography.Paragraph type="secondary" data-testid="plan-whole-budget-label">{t('money.wholePlanHint')}</Typography.Paragraph>
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
        </>
        )}
      </Card>
      <Space>
        <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void save()} data-testid="plan-edit-save">
          {t('plan.save')}
        </Button>
        <Button onClick={onCancel}>
          {t('plan.editCancel')}
        </Button>
      </Space>
    </Form>
  );
}
