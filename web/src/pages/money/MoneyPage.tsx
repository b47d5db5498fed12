// /money: "Thực hiện kinh phí" (docs/api-money.md §4) — planned → allocated → spent for a unit's
// subtree and a year, by source / host programme / unit / level / planned activity with the three
// rates, the integrated share, and the cost per result by intervention type or target group;
// both tables export as .xlsx. Every figure comes from the server (nothing retyped here).
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, Col, InputNumber, Radio, Row, Space, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { moneyApi, type CostBy, type CostRow, type ExecutionBy, type ExecutionRow } from '../../api/money';
import { formatNumber, todayIso } from '../../format';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { useApi } from '../../useApi';
import { ErrorAlert } from '../../components/ResultPages';
import { OrgUnitSelect } from '../../components/OrgUnitSelect';
import { formatMoney, formatRate } from '../../money';
import { ExecutionChart } from './ExecutionChart';

const BYS: ExecutionBy[] = ['source', 'programme', 'unit', 'level', 'planActivity'];

export default function MoneyPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const [params] = useSearchParams();
  const [year, setYear] = useState<number>(Number(params.get('year')) || Number(todayIso().slice(0, 4)));
  const [orgUnit, setOrgUnit] = useState<string | undefined>(params.get('orgUnit') ?? me?.orgUnit?.code ?? undefined);
  const [by, setBy] = useState<ExecutionBy>('source');
  const [costBy, setCostBy] = useState<CostBy>('interventionType');
  const exec = useApi(moneyApi.execution({ orgUnit, year, by }));
  const cost = useApi(moneyApi.costPerResult({ orgUnit, year, by: costBy }));
  const label = (r: { label: string; labelEn: string }) => (lang === 'en' ? r.labelEn || r.label : r.label);
  const money = (n: number) => <span style={{ whiteSpace: 'nowrap' }}>{formatMoney(n)}</span>;
  const d = exec.data;

  return (
    <div style={{ maxWidth: 1200 }} data-testid="money-page">
      <Typography.Title level={3} className="lg-page-title">{t('money.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('money.hint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <OrgUnitSelect style={{ width: 240, maxWidth: '100%' }} value={orgUnit} initial={me?.orgUnit} onChange={(v) => setOrgUnit(v || undefined)} data-testid="money-unit" />
        <InputNumber style={{ width: 110 }} min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} data-testid="money-year" />
      </Space>

      <Card size="small" title={t('money.execution')} style={{ marginBottom: 12 }}
        extra={<Button size="small" icon={<DownloadOutlined />} href={moneyApi.executionXlsx({ orgUnit, year, by })} data-testid="money-execution-xlsx">.xlsx</Button>}>
        <Radio.Group value={by} onChange={(e) => setBy(e.target.value)} optionType="button" size="small" style={{ marginBottom: 8, display: 'flex', flexWrap: 'wrap' }}
          options={BYS.map((b) => ({ value: b, label: t(`money.by.${b}`) }))} data-testid="money-by" />
        <ErrorAlert error={exec.error} onRetry={exec.reload} />
        {d && (
          <Row gutter={[12, 12]} style={{ marginBottom: 8 }}>
            <Col xs={12} md={4}><Statistic title={t('money.planned')} value={formatMoney(d.total.planned)} data-testid="money-total-planned" valueStyle={{ fontSize: 18 }} /></Col>
            <Col xs={12} md={4}><Statistic title={t('money.allocated')} value={formatMoney(d.total.allocated)} data-testid="money-total-allocated" valueStyle={{ fontSize: 18 }} /></Col>
            <Col xs={12} md={4}><Statistic title={t('money.spent')} value={formatMoney(d.total.spent)} data-testid="money-total-spent" valueStyle={{ fontSize: 18 }} /></Col>
            <Col xs={12} md={4}><Statistic title={t('money.allocatedRate')} value={formatRate(d.total.allocatedRate)} data-testid="money-allocated-rate" valueStyle={{ fontSize: 18 }} /></Col>
            <Col xs={12} md={4}><Statistic title={t('money.spentRate')} value={formatRate(d.total.spentRate)} data-testid="money-spent-rate" valueStyle={{ fontSize: 18 }} /></Col>
            <Col xs={12} md={4}><Statistic title={t('money.integratedShare')} value={formatRate(d.integratedShare)} data-testid="money-integrated-share" valueStyle={{ fontSize: 18 }} /></Col>
          </Row>
        )}
        {d && d.rows.length > 0 && <ExecutionChart data={d} testId="echart-money-execution" />}
        <Table<ExecutionRow>
          size="small"
          rowKey="key"
          loading={exec.loading}
          pagination={false}
          dataSource={d?.rows ?? []}
          scroll={{ x: 820 }}
          data-testid="money-execution-table"
          locale={{ emptyText: t('money.none') }}
          columns={[
            { title: t(`money.by.${by}`), key: 'label', render: (_: unknown, r) => label(r) },
            { title: t('money.planned'), dataIndex: 'planned', align: 'right', render: money },
            { title: t('money.allocated'), dataIndex: 'allocated', align: 'right', render: money },
            { title: t('money.spent'), dataIndex: 'spent', align: 'right', render: money },
            { title: t('money.allocatedRate'), dataIndex: 'allocatedRate', align: 'right', render: formatRate },
            { title: t('money.spentRate'), dataIndex: 'spentRate', align: 'right', render: formatRate },
            { title: t('money.spentOfPlanned'), dataIndex: 'spentOfPlanned', align: 'right', render: formatRate },
          ]}
          summary={() =>
            d ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}><strong>{t('budget.total')}</strong></Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right"><strong>{money(d.total.planned)}</strong></Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right"><strong>{money(d.total.allocated)}</strong></Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right"><strong>{money(d.total.spent)}</strong></Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{formatRate(d.total.allocatedRate)}</Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">{formatRate(d.total.spentRate)}</Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">{formatRate(d.total.spentOfPlanned)}</Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>

      <Card size="small" title={t('money.costPerResult')} style={{ marginBottom: 12 }}
        extra={<Button size="small" icon={<DownloadOutlined />} href={moneyApi.costPerResultXlsx({ orgUnit, year, by: costBy })} data-testid="money-cost-xlsx">.xlsx</Button>}>
        <Radio.Group value={costBy} onChange={(e) => setCostBy(e.target.value)} optionType="button" size="small" style={{ marginBottom: 8 }}
          options={[{ value: 'interventionType', label: t('money.by.interventionType') }, { value: 'targetGroup', label: t('money.by.targetGroup') }]} data-testid="money-cost-by" />
        <ErrorAlert error={cost.error} onRetry={cost.reload} />
        <Table<CostRow>
          size="small"
          rowKey="key"
          loading={cost.loading}
          pagination={false}
          dataSource={cost.data?.rows ?? []}
          scroll={{ x: 820 }}
          data-testid="money-cost-table"
          locale={{ emptyText: t('money.none') }}
          columns={[
            { title: t(`money.by.${costBy}`), key: 'label', render: (_: unknown, r) => label(r) },
            { title: t('money.spent'), dataIndex: 'spent', align: 'right', render: money },
            { title: t('money.reached'), dataIndex: 'reached', align: 'right', render: (n: number) => formatNumber(n) },
            { title: t('money.outputQuantity'), dataIndex: 'outputQuantity', align: 'right', render: (n: number) => formatNumber(n) },
            { title: t('money.activities'), dataIndex: 'activities', align: 'right', render: (n: number) => formatNumber(n) },
            { title: t('money.costPerPerson'), dataIndex: 'costPerPerson', align: 'right', render: (n: number | null) => formatMoney(n === null ? null : Math.round(n)) },
            { title: t('money.costPerOutput'), dataIndex: 'costPerOutput', align: 'right', render: (n: number | null) => formatMoney(n === null ? null : Math.round(n)) },
          ]}
          summary={() =>
            cost.data ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}><strong>{t('budget.total')}</strong></Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right"><strong>{money(cost.data.total.spent)}</strong></Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">{formatNumber(cost.data.total.reached)}</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">{formatNumber(cost.data.total.outputQuantity)}</Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{formatNumber(cost.data.total.activities)}</Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right" ><span data-testid="money-cost-per-person">{formatMoney(cost.data.total.costPerPerson === null ? null : Math.round(cost.data.total.costPerPerson))}</span></Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">{formatMoney(cost.data.total.costPerOutput === null ? null : Math.round(cost.data.total.costPerOutput))}</Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </div>
  );
}
