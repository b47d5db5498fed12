// /plans/:id/evaluation — the yearly evaluation of an approved plan (guidance 221 §5.4): planned
// against achieved per activity, people reached per target group, budget executed per funding
// source, cost per person reached, the activities outside the plan, the narrative of
// effectiveness, and the official document (Word, Excel, PDF).
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Form, Input, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, FileExcelOutlined, FilePdfOutlined, FileWordOutlined, SaveOutlined } from '@ant-design/icons';
import { ApiError, evaluationApi, type NarrativeInput } from '../api/api';
import type { ActivityEvaluation, CodeName, CompletionStatus, EvaluatedActivityRef, IndicatorResult, PlanEvaluation } from '../api/types';
import { formatIndicatorValue, statusColor, statusLabelKey } from '../indicators';
import { formatDate, formatDateTime, formatNumber } from '../format';
import { localName, useI18n, type MessageKey } from '../i18n';
import { useTaxonomy } from '../reference';
import { useApi } from '../useApi';
import { planApi } from '../api/plans';
import { ErrorAlert } from '../components/ResultPages';
import { PlanStatusTag } from './PlansStatusTag';
import { SignerFields, signerQuery, useSigner } from '../components/SignerFields';
import { useSession } from '../session';

const STATUS_COLOR: Record<CompletionStatus, string> = { not_started: 'default', partly: 'gold', done: 'green', over: 'blue' };
const NARRATIVE_PARTS = ['results', 'limitations', 'causes', 'lessons', 'proposals'] as const;
const MAX_NARRATIVE_BYTES = 20000;

/** 85.5 → "85,5%"; null → "—". */
function percent(p: number | null): string {
  return p === null ? '—' : `${formatNumber(p, 1)}%`;
}

function CompletionBar({ value, testId }: { value: number | null; testId?: string }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Progress
      percent={Math.min(value, 100)}
      success={value > 100 ? { percent: 100 } : undefined}
      size="small"
      format={() => percent(value)}
      status={value >= 100 ? 'success' : 'normal'}
      style={{ minWidth: 140, marginBottom: 0 }}
      data-testid={testId}
    />
  );
}

function LinkedActivities({ items }: { items: EvaluatedActivityRef[] }) {
  const { t } = useI18n();
  if (!items.length) return <Typography.Text type="secondary">{t('eval.noLinked')}</Typography.Text>;
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={items}
      data-testid="eval-linked"
      columns={[
        { title: t('eval.activity'), dataIndex: 'title', render: (s: string, a) => <Link to={`/activities/${a.id}/edit`}>{s}</Link> },
        { title: t('eval.when'), key: 'd', render: (_: unknown, a) => (a.startDate === a.endDate ? formatDate(a.startDate) : `${formatDate(a.startDate)} – ${formatDate(a.endDate)}`) },
        { title: t('eval.orgUnit'), dataIndex: 'orgUnit', render: (u: { name: string } | null) => u?.name ?? '—' },
        { title: t('eval.reached'), dataIndex: 'reached', align: 'right', render: (n: number) => formatNumber(n) },
        { title: t('eval.spent'), dataIndex: 'spent', align: 'right', render: (n: number) => formatNumber(n) },
      ]}
    />
  );
}

function NarrativeForm({ data, onSaved }: { data: PlanEvaluation; onSaved: () => void }) {
  const { t, errText } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<NarrativeInput>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const n = data.narrative;
  useEffect(() => form.setFieldsValue(n), [n, form]);
  const editable = data.can.editNarrative;

  const save = async (v: NarrativeInput) => {
    setSaving(true);
    setError(null);
    try {
      await evaluationApi.saveNarrative(data.plan.id, { ...v, version: n.version });
      message.success(t('eval.narrativeSaved'));
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  const bytes = (s: string | undefined) => new TextEncoder().encode(s ?? '').length;

  return (
    <Form form={form} layout="vertical" onFinish={save} disabled={!editable} data-testid="eval-narrative">
      {!!error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="eval-narrative-error"
          message={error instanceof ApiError && error.code === 'conflict' ? t('error.conflict') : errText(error)}
        />
      )}
      {NARRATIVE_PARTS.map((k) => (
        <Form.Item
          key={k}
          name={k}
          label={t(`eval.narrative.${k}` as MessageKey)}
          rules={[{ validator: (_, v: string) => (bytes(v) > MAX_NARRATIVE_BYTES ? Promise.reject(new Error(t('eval.tooLong'))) : Promise.resolve()) }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} data-testid={`eval-narrative-${k}`} />
        </Form.Item>
      ))}
      <Space>
        {editable && (
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} data-testid="eval-narrative-save">
            {t('eval.saveNarrative')}
          </Button>
        )}
        <Typography.Text type="secondary" data-testid="eval-narrative-version">
          {n.version ? t('eval.narrativeVersion', { n: n.version, who: n.updatedBy ?? '', at: formatDateTime(n.updatedAt) }) : t('eval.narrativeNone')}
        </Typography.Text>
      </Space>
    </Form>
  );
}

export default function PlanEvaluationPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { me } = useSession();
  const [signer, setSigner] = useSigner(me);
  const { data, loading, error, reload } = useApi(planApi.evaluation(id));
  const targetGroups = useTaxonomy('target-groups');
  const interventionTypes = useTaxonomy('intervention-types');
  const fundingSources = useTaxonomy('funding-sources');
  const outputKinds = useTaxonomy('output-kinds');
  const name = (list: CodeName[], code: string | null | undefined) => (code ? localName(list.find((x) => x.code === code), lang, code) : '—');

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return <Card loading={loading || !data} />;

  const tot = data.totals;
  const statusTag = (s: CompletionStatus) => (
    <Tag color={STATUS_COLOR[s]} data-testid={`eval-status-${s}`}>
      {t(`eval.status.${s}` as MessageKey)}
    </Tag>
  );
  const measureUnit = (a: ActivityEvaluation) =>
    a.planned.unit || (a.planned.measure === 'people' ? t('eval.unitPeople') : t('eval.unitActivities'));
  const docButton = (format: 'docx' | 'xlsx' | 'pdf', icon: React.ReactNode, label: MessageKey) => (
    <Button icon={icon} href={evaluationApi.documentUrl(data.plan.id, format, signerQuery(signer))} download data-testid={`eval-download-${format}`}>
      {t(label)}
    </Button>
  );

  return (
    <div data-testid="eval-page">
      <Space style={{ marginBottom: 8 }}>
        <Link to={`/plans/${encodeURIComponent(String(data.plan.id))}`}>
          <ArrowLeftOutlined /> {t('eval.back')}
        </Link>
      </Space>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
        <Space direction="vertical" size={4}>
          <Typography.Title level={3} className="lg-page-title" style={{ marginBottom: 0 }} data-testid="eval-title">
            {t('eval.title', { year: data.year })}
          </Typography.Title>
          <Space wrap>
            <PlanStatusTag status={data.plan.status} />
            <Typography.Text type="secondary">
              {data.plan.title} · {data.plan.agency?.name} · {data.plan.orgUnit?.name}
            </Typography.Text>
          </Space>
        </Space>
        <Space wrap>
          {docButton('docx', <FileWordOutlined />, 'eval.download.docx')}
          {docButton('xlsx', <FileExcelOutlined />, 'eval.download.xlsx')}
          {docButton('pdf', <FilePdfOutlined />, 'eval.download.pdf')}
        </Space>
      </Space>
      <div style={{ margin: '8px 0' }}>
        <SignerFields value={signer} onChange={setSigner} />
      </div>

      <Row gutter={[12, 12]} style={{ margin: '12px 0' }} data-testid="eval-summary">
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('eval.activitiesHeld')} value={formatNumber(tot.activitiesHeld)} suffix={t('eval.ofPlanned', { n: formatNumber(tot.plannedActivities) })} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('eval.byStatus', { done: tot.byStatus.done, over: tot.byStatus.over, partly: tot.byStatus.partly, none: tot.byStatus.not_started })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('eval.reachedTotal')} value={formatNumber(tot.reached)} data-testid="eval-reached" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('eval.spentTotal')} value={formatNumber(tot.spent)} suffix="đ" />
            <CompletionBar value={tot.budgetExecution} testId="eval-execution" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('eval.costPerPerson')}
              value={data.costPerPerson === null ? '—' : formatNumber(data.costPerPerson)}
              suffix={data.costPerPerson === null ? undefined : t('eval.perPerson')}
              data-testid="eval-cost-per-person"
            />
          </Card>
        </Col>
      </Row>

      <Card size="small" title={`1. ${t('eval.sections.activities')}`} style={{ marginBottom: 12 }}>
        <Table
          size="small"
          rowKey={(a) => String(a.planActivity.id)}
          pagination={false}
          dataSource={data.activities}
          data-testid="eval-activities"
          scroll={{ x: 1100 }}
          expandable={{ expandedRowRender: (a) => <LinkedActivities items={a.linkedActivities} />, rowExpandable: () => true }}
          columns={[
            {
              title: t('eval.activity'),
              key: 'a',
              render: (_: unknown, a) => (
                <div>
                  <div>{a.planActivity.description}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {name(interventionTypes, a.planActivity.interventionType)}
                    {a.planActivity.targetGroup ? ` · ${name(targetGroups, a.planActivity.targetGroup)}` : ''}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: t('eval.planned'),
              key: 'p',
              align: 'right',
              render: (_: unknown, a) => (a.planned.quantity === null ? '—' : `${formatNumber(a.planned.quantity)} ${a.planned.unit}`),
            },
            {
              title: t('eval.achieved'),
              key: 'ac',
              align: 'right',
              render: (_: unknown, a) => `${formatNumber(a.achieved.quantity)} ${measureUnit(a)}`,
            },
            { title: t('eval.completion'), dataIndex: 'completion', width: 170, render: (v: number | null) => <CompletionBar value={v} /> },
            { title: t('eval.statusLabel'), dataIndex: 'status', render: (s: CompletionStatus) => statusTag(s) },
            { title: t('eval.held'), key: 'h', align: 'right', render: (_: unknown, a) => formatNumber(a.achieved.activities) },
            { title: t('eval.reached'), key: 'r', align: 'right', render: (_: unknown, a) => formatNumber(a.achieved.people) },
            {
              title: t('eval.outputs'),
              key: 'o',
              render: (_: unknown, a) =>
                a.achieved.outputs.length
                  ? a.achieved.outputs.map((o) => `${name(outputKinds, o.kind)}: ${formatNumber(o.quantity)}`).join('; ')
                  : '—',
            },
            { title: t('eval.spent'), key: 's', align: 'right', render: (_: unknown, a) => formatNumber(a.achieved.spent) },
            { title: t('eval.costPerPerson'), dataIndex: 'costPerPerson', align: 'right', render: (n: number | null) => (n === null ? '—' : formatNumber(n)) },
          ]}
        />
      </Card>

      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <Card size="small" title={`2. ${t('eval.sections.beneficiaries')}`} style={{ marginBottom: 12 }}>
            <Table
              size="small"
              rowKey="targetGroup"
              pagination={false}
              dataSource={data.beneficiaries}
              data-testid="eval-beneficiaries"
              locale={{ emptyText: t('plan.empty') }}
              columns={[
                { title: t('plan.targetGroup'), dataIndex: 'targetGroup', render: (c: string) => name(targetGroups, c) },
                { title: t('eval.planned'), dataIndex: 'planned', align: 'right', render: (n: number | null) => formatNumber(n) },
                { title: t('eval.reached'), dataIndex: 'reached', align: 'right', render: (n: number) => formatNumber(n) },
                { title: t('eval.completion'), dataIndex: 'completion', width: 170, render: (v: number | null) => <CompletionBar value={v} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={`3. ${t('eval.sections.budget')}`} style={{ marginBottom: 12 }}>
            <Table
              size="small"
              rowKey="source"
              pagination={false}
              dataSource={data.budget}
              data-testid="eval-budget"
              locale={{ emptyText: t('plan.empty') }}
              columns={[
                { title: t('budget.source'), dataIndex: 'source', render: (c: string) => name(fundingSources, c) },
                { title: t('eval.plannedVnd'), dataIndex: 'planned', align: 'right', render: (n: number) => formatNumber(n) },
                { title: t('eval.spentVnd'), dataIndex: 'spent', align: 'right', render: (n: number) => formatNumber(n) },
                { title: t('eval.execution'), dataIndex: 'execution', width: 170, render: (v: number | null) => <CompletionBar value={v} /> },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <strong>{t('budget.total')}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <strong>{formatNumber(tot.plannedBudget)}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    <strong data-testid="eval-budget-spent">{formatNumber(tot.spent)}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3}>
                    <strong>{percent(tot.budgetExecution)}</strong>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          </Card>
        </Col>
      </Row>

      <Card
        size="small"
        title={`4. ${t('eval.sections.unplanned')}`}
        extra={
          <Typography.Text type="secondary">
            {t('eval.unplannedTotals', { n: tot.unplanned.count, reached: formatNumber(tot.unplanned.reached), spent: formatNumber(tot.unplanned.spent) })}
          </Typography.Text>
        }
        style={{ marginBottom: 12 }}
      >
        {data.unplannedCapped && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('eval.unplannedCapped')} />}
        <div data-testid="eval-unplanned">
          <LinkedActivities items={data.unplanned} />
        </div>
      </Card>

      {data.indicators.length > 0 && (
        <Card size="small" title={t('eval.sections.indicators')} style={{ marginBottom: 12 }}>
          <Table size="small" rowKey="code" pagination={false} dataSource={data.indicators} data-testid="eval-indicators"
            columns={[
              { title: t('dash.indicator'), key: 'name', render: (_: unknown, r: IndicatorResult) => (lang === 'vi' ? r.name : r.nameEn) },
              { title: t('eval.indicatorValue'), key: 'value', align: 'right', render: (_: unknown, r: IndicatorResult) => formatIndicatorValue(r.value, r) },
              { title: t('dash.target'), key: 'target', align: 'right', render: (_: unknown, r: IndicatorResult) => formatIndicatorValue(r.target, r) },
              { title: t('eval.indicatorStatus'), key: 'status', align: 'center',
                render: (_: unknown, r: IndicatorResult) => (
                  <Tag color={statusColor(r.status)} data-status={r.status}>
                    {r.achievement === null ? t(statusLabelKey(r.status)) : `${formatNumber(r.achievement, 1)}%`}
                  </Tag>
                ) },
            ]} />
        </Card>
      )}

      <Card size="small" title={`5. ${t('eval.sections.narrative')}`} style={{ marginBottom: 12 }}>
        {!data.can.editNarrative && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={data.plan.status === 'superseded' ? t('eval.narrativeSuperseded') : t('eval.narrativeReadOnly')} />
        )}
        <NarrativeForm data={data} onSaved={reload} />
      </Card>
    </div>
  );
}
