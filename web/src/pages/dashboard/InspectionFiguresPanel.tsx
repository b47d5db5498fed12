// "Kiểm tra cơ sở kinh doanh dịch vụ": the figures of the service businesses of the caller's unit
// and their final inspections in a year (GET /api/inspection-figures), for roles with
// inspections.read: coverage against the active plan's target, inspections, violations per 100,
// fines, repeat violators, outreach, and businesses by type and status. The per-commune layer is
// drawn on the dashboard's map (DashboardPage).
import { useMemo } from 'react';
import { Alert, Card, Col, Empty, Progress, Row, Spin, Statistic, Typography } from 'antd';
import type { InspectionFigures } from '../../api/inspectionFigures';
import { EChart, type EChartOption } from '../../components/EChart';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n';

interface Props {
  data?: InspectionFigures;
  loading: boolean;
  error: unknown;
  year: number;
}

export function typeStatusOption(data: InspectionFigures | undefined, lang: string, names: [string, string, string]): EChartOption {
  const rows = data?.byTypeStatus ?? [];
  const series = (name: string, color: string, pick: (r: InspectionFigures['byTypeStatus'][number]) => number) => ({
    name, type: 'bar', stack: 'status', data: rows.map(pick), itemStyle: { color },
  });
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatNumber(v) },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 8, bottom: 40, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => (lang === 'en' ? r.labelEn : r.label)), axisLabel: { width: 110, overflow: 'truncate' } },
    series: [
      series(names[0], '#52c41a', (r) => r.operating),
      series(names[1], '#faad14', (r) => r.suspended),
      series(names[2], '#bfbfbf', (r) => r.closed),
    ],
  };
}

export function InspectionFiguresPanel({ data, loading, error, year }: Props) {
  const { t, lang, errText } = useI18n();
  const f = data?.figures;
  const target = data?.plan?.coverageTargetPct ?? null;
  const option = useMemo(
    () => typeStatusOption(data, lang, [t('inspFig.operating'), t('inspFig.suspended'), t('inspFig.closed')]),
    [data, lang, t],
  );
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${formatNumber(v, 1)} %`);
  return (
    <Card title={t('inspFig.title', { year })} size="small" data-testid="inspection-figures-panel">
      <Spin spinning={loading}>
        {error ? (
          <Alert type="error" showIcon message={errText(error)} />
        ) : !f ? (
          <Empty />
        ) : (
          <>
            <Row gutter={[12, 12]}>
              <Col xs={24} sm={12} data-testid="insp-coverage">
                <Statistic title={t('inspFig.coverage')} value={pct(f.coveragePct)}
                  suffix={<Typography.Text type="secondary" style={{ fontSize: 13 }}>({formatNumber(f.businessesInspected)}/{formatNumber(f.operating)})</Typography.Text>} />
                <Progress percent={Math.min(100, f.coveragePct ?? 0)} showInfo={false}
                  success={target !== null ? { percent: 0 } : undefined}
                  strokeColor={target !== null && (f.coveragePct ?? 0) >= target ? '#52c41a' : '#1677ff'} />
                <Typography.Text type="secondary" data-testid="insp-target">
                  {target !== null ? t('inspFig.target', { target: formatNumber(target, 1), plan: data?.plan?.title ?? '' }) : t('inspFig.noPlan')}
                </Typography.Text>
              </Col>
              <Col xs={12} sm={6}>
                <Statistic title={t('inspFig.inspections')} value={formatNumber(f.inspections)} data-testid="insp-inspections" />
                <Typography.Text type="secondary">{t('inspFig.unannounced', { n: formatNumber(f.unannounced) })}</Typography.Text>
              </Col>
              <Col xs={12} sm={6}>
                <Statistic title={t('inspFig.per100')} value={f.violationsPer100 === null ? '—' : formatNumber(f.violationsPer100, 1)} data-testid="insp-per100" />
                <Typography.Text type="secondary">{t('inspFig.violations', { n: formatNumber(f.violations) })}</Typography.Text>
              </Col>
              <Col xs={12} sm={12}>
                <Statistic title={t('inspFig.fines')} value={`${formatNumber(f.fines)} đ`} data-testid="insp-fines" />
              </Col>
              <Col xs={12} sm={12}>
                <Statistic title={t('inspFig.repeat')} value={formatNumber(f.repeatViolators)} data-testid="insp-repeat" />
              </Col>
            </Row>
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }} data-testid="insp-outreach">
              {t('inspFig.outreach', { informed: formatNumber(f.outreach.informed), checked: formatNumber(f.outreach.healthChecked), referred: formatNumber(f.outreach.referred) })}
            </Typography.Paragraph>
            <Typography.Text strong>{t('inspFig.byType', { n: formatNumber(f.businesses) })}</Typography.Text>
            {(data?.byTypeStatus.length ?? 0) === 0 ? (
              <Empty description={t('inspFig.noBusinesses')} />
            ) : (
              <EChart option={option} height={Math.max(200, 60 + (data?.byTypeStatus.length ?? 0) * 34)} data-testid="echart-insp-types"
                data={{ types: data?.byTypeStatus.length ?? 0 }} />
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('inspFig.note')}</Typography.Paragraph>
          </>
        )}
      </Spin>
    </Card>
  );
}
