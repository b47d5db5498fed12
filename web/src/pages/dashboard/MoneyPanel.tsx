// "Thực hiện kinh phí" on the dashboard (docs/api-money.md §4): planned / allocated / spent bars by
// funding source, the three rates, the share of spending integrated from other programmes and the
// cost per person reached, for the caller's unit and the dashboard's last year; links to /money.
import { Link } from 'react-router-dom';
import { Alert, Card, Col, Empty, Row, Spin, Statistic } from 'antd';
import { moneyApi } from '../../api/money';
import { useI18n } from '../../i18n';
import { useApi } from '../../useApi';
import { formatMoney, formatRate } from '../../money';
import { ExecutionChart } from '../money/ExecutionChart';

export function MoneyPanel({ orgUnit, year }: { orgUnit: string; year: number }) {
  const { t, errText } = useI18n();
  const exec = useApi(moneyApi.execution({ orgUnit, year, by: 'source' }));
  const cost = useApi(moneyApi.costPerResult({ orgUnit, year, by: 'interventionType' }));
  const d = exec.data;
  return (
    <Card title={t('money.panelTitle', { year })} size="small" data-testid="money-panel"
      extra={<Link to={`/money?year=${year}&orgUnit=${encodeURIComponent(orgUnit)}`} data-testid="money-panel-link">{t('money.details')}</Link>}>
      <Spin spinning={exec.loading}>
        {exec.error ? (
          <Alert type="error" showIcon message={errText(exec.error)} />
        ) : !d ? (
          <Empty />
        ) : (
          <>
            <Row gutter={[12, 12]}>
              <Col xs={12} sm={8}><Statistic title={t('money.allocatedRate')} value={formatRate(d.total.allocatedRate)} data-testid="money-panel-allocated-rate" /></Col>
              <Col xs={12} sm={8}><Statistic title={t('money.spentRate')} value={formatRate(d.total.spentRate)} data-testid="money-panel-spent-rate" /></Col>
              <Col xs={12} sm={8}><Statistic title={t('money.spentOfPlanned')} value={formatRate(d.total.spentOfPlanned)} data-testid="money-panel-spent-of-planned" /></Col>
              <Col xs={12} sm={8}><Statistic title={t('money.integratedShare')} value={formatRate(d.integratedShare)} data-testid="money-panel-integrated" /></Col>
              <Col xs={24} sm={16}>
                <Statistic title={t('money.costPerPerson')} value={formatMoney(cost.data?.total.costPerPerson == null ? null : Math.round(cost.data.total.costPerPerson))} data-testid="money-panel-cost-per-person" />
              </Col>
            </Row>
            {d.rows.length === 0 ? <Empty description={t('money.none')} /> : <ExecutionChart data={d} testId="echart-money-sources" />}
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }} data-testid="money-panel-totals">
              <span>{t('money.planned')}: <strong data-testid="money-panel-planned">{formatMoney(d.total.planned)}</strong></span>
              <span>{t('money.allocated')}: <strong data-testid="money-panel-allocated">{formatMoney(d.total.allocated)}</strong></span>
              <span>{t('money.spent')}: <strong data-testid="money-panel-spent">{formatMoney(d.total.spent)}</strong></span>
            </div>
          </>
        )}
      </Spin>
    </Card>
  );
}
