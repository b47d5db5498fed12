// /surveys ("Rà soát đối tượng"): how many people of each target group a unit counted for a year
// or a half-year — the denominators of the coverage indicators. One row per unit, period and
// target group; saving the same triple again replaces it (PUT /api/surveys).
import { useOffline } from '../offline/OfflineProvider';
import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { Rule } from 'antd/es/form';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ApiError, surveyApi } from '../api/api';
import { PERM, type OrgUnitRef, type Survey, type SurveyHalf } from '../api/types';
import { formatDate, formatDateTime, formatNumber, todayIso } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { surveyReads } from '../api/activities';
import { ErrorAlert } from '../components/ResultPages';
import { OrgUnitSelect } from '../components/OrgUnitSelect';
import { CountInput } from '../components/CountInput';
import { FilterBar, useListState, type ListSpec, ListTable } from '../components/list';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../components/dates';
import { dateProblems, SURVEY_HALVES, surveyProblems } from '../activities';
import { useActivityTaxonomies, useProblemText } from './ActivityParts';

interface Filters {
  orgUnit?: string;
  year?: number;
  half?: SurveyHalf;
  targetGroup?: string;
}

const LIST: ListSpec<Filters> = {
  filters: { orgUnit: 'string', year: 'int', half: 'int', targetGroup: 'string' },
};

export function usePeriodText() {
  const { t } = useI18n();
  return (year: number, half: SurveyHalf) => t(`survey.period.${half}` as MessageKey, { year });
}

export default function SurveysPage() {
  const { t, errText } = useI18n();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const tax = useActivityTaxonomies();
  const periodText = usePeriodText();
  const list = useListState(LIST);
  const { filters, setFilters: update } = list;
  const [editing, setEditing] = useState<Survey | 'new' | null>(null);
  const { data, loading, error, reload } = useApi(surveyReads.list(list.query));
  const mayRecord = can(PERM.surveysRecord);

  const remove = (s: Survey) =>
    modal.confirm({
      title: t('survey.deleteConfirm', { group: tax.groupName(s.targetGroup), period: periodText(s.year, s.half), unit: s.orgUnit?.name ?? '' }),
      okText: t('common.delete'),
      okButtonProps: { danger: true, 'data-testid': 'survey-delete-ok' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await surveyApi.remove(s.id, s.version);
          message.success(t('survey.deleted'));
          reload();
        } catch (e) {
          message.error(errText(e));
        }
      },
    });

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
        <Typography.Title level={3} className="lg-page-title">
          {t('survey.title')}
        </Typography.Title>
        {mayRecord && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="survey-create">
            {t('survey.create')}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary">{t('survey.hint')}</Typography.Paragraph>
      <FilterBar onClear={list.clearFilters} showClear={list.filtering}>
        <Form.Item label={t('activity.orgUnit')}>
          <OrgUnitSelect allowClear value={filters.orgUnit} onChange={(orgUnit) => update({ orgUnit })} style={{ width: 260 }} data-testid="surveys-filter-org" />
        </Form.Item>
        <Form.Item label={t('common.year')}>
          <InputNumber min={2000} max={2100} value={filters.year} onChange={(v) => update({ year: v ?? undefined })} style={{ width: 100 }} data-testid="surveys-filter-year" />
        </Form.Item>
        <Form.Item label={t('survey.half')}>
          <Select
            allowClear
            style={{ width: 190 }}
            placeholder={t('common.all')}
            value={filters.half}
            onChange={(half?: SurveyHalf) => update({ half })}
            options={SURVEY_HALVES.map((h) => ({ value: h, label: t(`survey.half.${h}` as MessageKey) }))}
            data-testid="surveys-filter-half"
          />
        </Form.Item>
        <Form.Item label={t('activity.targetGroup')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 280 }}
            placeholder={t('common.all')}
            value={filters.targetGroup}
            onChange={(targetGroup?: string) => update({ targetGroup })}
            options={tax.options(tax.targetGroups, true)}
            popupMatchSelectWidth={false}
            data-testid="surveys-filter-group"
          />
        </Form.Item>
      </FilterBar>
      <ErrorAlert error={error} onRetry={reload} />
      <ListTable<Survey>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="surveys-table"
        scroll={{ x: 1140 }}
        pagination={list.pagination(data?.total)}
        columns={[
          { title: t('activity.orgUnit'), dataIndex: 'orgUnit', width: 150, render: (u: OrgUnitRef) => u?.name ?? '—' },
          { title: t('survey.periodCol'), key: 'period', width: 160, render: (_: unknown, s) => periodText(s.year, s.half) },
          { title: t('activity.targetGroup'), dataIndex: 'targetGroup', width: 280, render: (c: string) => tax.groupName(c) },
          { title: t('survey.count'), dataIndex: 'count', width: 100, align: 'right', render: (n: number) => <strong>{formatNumber(n)}</strong> },
          { title: t('activity.female'), dataIndex: 'female', width: 80, align: 'right', render: (n: number | null) => formatNumber(n) },
          { title: t('activity.male'), dataIndex: 'male', width: 80, align: 'right', render: (n: number | null) => formatNumber(n) },
          { title: t('survey.date'), dataIndex: 'surveyDate', width: 110, render: (d: string) => formatDate(d) },
          {
            title: t('common.note'),
            dataIndex: 'note',
            ellipsis: true,
            render: (n: string, s) => <span title={`${t('plan.updatedAt')}: ${formatDateTime(s.updatedAt)}`}>{n || ''}</span>,
          },
          ...(mayRecord
            ? [
                {
                  title: t('common.actions'),
                  key: 'act',
                  width: 100,
                  render: (_: unknown, s: Survey) => (
                    <Space size={4}>
                      <Button size="small" icon={<EditOutlined />} title={t('common.edit')} aria-label={t('common.edit')} onClick={() => setEditing(s)} data-testid="survey-edit" />
                      <Button size="small" danger icon={<DeleteOutlined />} title={t('common.delete')} aria-label={t('common.delete')} onClick={() => remove(s)} data-testid="survey-delete" />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <SurveyModal
        survey={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          reload();
        }}
      />
    </div>
  );
}

interface Values {
  orgUnitCode?: string;
  year: number;
  half: SurveyHalf;
  targetGroup?: string;
  count?: number | null;
  female?: number | null;
  male?: number | null;
  surveyDate: Dayjs | null;
  note?: string;
}

const FIELDS = ['orgUnitCode', 'year', 'half', 'targetGroup', 'count', 'female', 'male', 'surveyDate', 'note'];

function SurveyModal({ survey, open, onClose, onSaved }: { survey: Survey | null; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t, errText } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const offline = useOffline();
  const tax = useActivityTaxonomies();
  const problemText = useProblemText();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const today = todayIso();

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      survey
        ? {
            orgUnitCode: survey.orgUnit.code,
            year: survey.year,
            half: survey.half,
            targetGroup: survey.targetGroup,
            count: survey.count,
            female: survey.female,
            male: survey.male,
            surveyDate: isoToDayjs(survey.surveyDate),
            note: survey.note,
          }
        : { orgUnitCode: me?.orgUnit.code, year: Number(today.slice(0, 4)), half: 0, surveyDate: isoToDayjs(today), note: '' },
    );
  }, [open, survey, form, me, today]);

  const rule = (field: string): Rule => ({
    validator: async () => {
      const v = form.getFieldsValue(true) as Values;
      const p = surveyProblems(v).find((x) => x.field === field);
      if (p) throw new Error(problemText(p));
    },
  });
  const dateRule: Rule = {
    validator: async () => {
      const d = dayjsToIso(form.getFieldValue('surveyDate'));
      const p = dateProblems(d, d, today).find((x) => x.field === 'startDate');
      if (p) throw new Error(problemText(p));
    },
  };

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    const body = {
        orgUnitCode: v.orgUnitCode ?? '',
        year: v.year,
        half: v.half,
        targetGroup: v.targetGroup ?? '',
        count: v.count ?? 0,
        female: v.female ?? null,
        male: v.male ?? null,
        surveyDate: dayjsToIso(v.surveyDate) ?? '',
        note: v.note ?? '',
        ...(survey ? { version: survey.version } : {}),
      };
    const recordKey = `survey:${body.orgUnitCode}:${body.year}:${body.half}:${body.targetGroup}`;
    // No network: the save goes to the outbox (issue 21), sent in order when it is back.
    const queue = async () => {
      const item = await offline.enqueue({ kind: 'survey.save', label: `${body.targetGroup} ${body.year}/${body.half} (${body.orgUnitCode})`, method: 'PUT', path: '/api/surveys', body: body as unknown as Record<string, unknown>, recordKey, baseVersion: survey?.version });
      message.info(t('offline.queued', { label: item.label }));
      onSaved();
    };
    try {
      if (offline.shouldQueue(recordKey)) {
        await queue();
        return;
      }
      await surveyApi.save(body);
      message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.status === 0) {
        await queue();
        return;
      }
      setError(e);
      if (e instanceof ApiError && e.status === 400) {
        const issues = e.details.length ? e.details : e.field ? [{ field: e.field, message: e.messageVi, messageEn: e.messageEn }] : [];
        form.setFields(
          issues
            .filter((i) => FIELDS.includes(i.field))
            .map((i) => ({ name: i.field as keyof Values, errors: [i.message || i.messageEn || errText(e)] })),
        );
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={survey ? t('survey.editTitle') : t('survey.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
      width={640}
      okButtonProps={{ 'data-testid': 'survey-save' } as ButtonProps}
    >
      {!!error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="survey-error"
          message={error instanceof ApiError && error.status === 409 ? t('error.conflict') : errText(error)}
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="orgUnitCode" label={t('activity.orgUnit')} rules={[{ required: true, message: t('common.required') }]}>
          <OrgUnitSelect initial={survey?.orgUnit ?? me?.orgUnit} data-testid="survey-org" />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item name="year" label={t('common.year')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber min={2000} max={2100} style={{ width: 110 }} disabled={!!survey} data-testid="survey-year" />
          </Form.Item>
          <Form.Item name="half" label={t('survey.half')} rules={[{ required: true, message: t('common.required') }]}>
            <Select
              style={{ width: 200 }}
              disabled={!!survey}
              options={SURVEY_HALVES.map((h) => ({ value: h, label: t(`survey.half.${h}` as MessageKey) }))}
              data-testid="survey-half"
            />
          </Form.Item>
          <Form.Item name="surveyDate" label={t('survey.date')} required rules={[dateRule]}>
            <DatePicker format={DATE_FORMAT} placeholder={t('common.datePlaceholder')} disabledDate={(d) => d.format('YYYY-MM-DD') > today} data-testid="survey-date" />
          </Form.Item>
        </Space>
        <Form.Item name="targetGroup" label={t('activity.targetGroup')} required rules={[rule('targetGroup')]}>
          <Select
            showSearch
            optionFilterProp="label"
            disabled={!!survey}
            placeholder={t('activity.chooseGroup')}
            options={tax.options(tax.targetGroups)}
            data-testid="survey-group"
          />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item name="count" label={t('survey.count')} required rules={[rule('count')]}>
            <CountInput style={{ width: 150 }} data-testid="survey-count" />
          </Form.Item>
          <Form.Item name="female" label={t('activity.female')} dependencies={['count', 'male']} rules={[rule('female')]}>
            <CountInput style={{ width: 130 }} data-testid="survey-female" />
          </Form.Item>
          <Form.Item name="male" label={t('activity.male')} dependencies={['count']} rules={[rule('male')]}>
            <CountInput style={{ width: 130 }} data-testid="survey-male" />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('common.note')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
