// "Phân loại xã, phường lành mạnh": the communes of the caller's unit per class in a year
// (approved assessments; GET /api/classification/figures), the share classified healthy, how many
// assessed and approved, and for a province the decision with its annex (.docx/.xlsx/.pdf). The
// per-commune layer "communes coloured by class" is drawn on the dashboard's map (DashboardPage).
import { useMemo } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Space, Spin, Statistic, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { classColors, classificationFiguresApi, pctText, type ClassificationFigures } from '../../api/classificationFigures';
import { EChart, type EChartOption } from '../../components/EChart';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n';

interface Props {
  data?: ClassificationFigures;
  loading: boolean;
  error: unknown;
  year: number;
}

export function ClassificationFiguresPanel({ data, loading, error, year }: Props) {
  const { t, lang, errText } = useI18n();
  const option = useMemo<EChartOption>(() => {
    const classes = data?.classes ?? [];
    const colors = classColors(classes);
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatNumber(v) },
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category', inverse: true, axisLabel: { width: 150, overflow: 'truncate' },
        data: classes.map((c) => (lang === 'en' ? c.labelEn : c.labelVi)),
      },
      series: [{
        type: 'bar', name: t('clfFig.communes'), barMaxWidth: 28, label: { show: true, position: 'right' },
        data: classes.map((c) => ({ value: c.communes, itemStyle: { color: colors.get(c.code) } })),
      }],
    };
  }, [data, lang, t]);
  const province = data?.scope.kind === 'province' ? data.scope.code : null;
  return (
    <Card title={t('clfFig.title', { year })} size="small" data-testid="classification-figures-panel">
      <Spin spinning={loading}>
        {error ? (
          <Alert type="error" showIcon message={errText(error)} />
        ) : !data ? (
          <Empty />
        ) : (
          <>
            <Row gutter={[12, 12]}>
              <Col xs={24} sm={12}>
                <Statistic title={t('clfFig.healthyPct')} value={pctText(data.healthyPct)} data-testid="clf-healthy-pct"
                  valueStyle={{ color: '#389e0d' }}
                  suffix={<Typography.Text type="secondary" style={{ fontSize: 13 }}>({formatNumber(data.healthy)}/{formatNumber(data.communes)})</Typography.Text>} />
              </Col>
              <Col xs={12} sm={6}>
                <Statistic title={t('clfFig.assessed')} value={formatNumber(data.assessed)} data-testid="clf-assessed" />
              </Col>
              <Col xs={12} sm={6}>
                <Statistic title={t('clfFig.approved')} value={formatNumber(data.approved)} data-testid="clf-approved" />
              </Col>
            </Row>
            <Typography.Text strong>{t('clfFig.byClass')}</Typography.Text>
            {data.approved === 0 ? (
              <Empty description={t('clfFig.noneApproved')} data-testid="clf-none-approved" />
            ) : (
              <EChart option={option} height={Math.max(160, 40 + data.classes.length * 44)} data-testid="echart-clf-classes"
                data={{ classes: data.classes.length, approved: data.approved }} />
            )}
            {province && data.approved > 0 && (
              <Space wrap style={{ marginTop: 8 }} data-testid="clf-decision">
                <Typography.Text>{t('clfFig.decision')}</Typography.Text>
                {(['docx', 'xlsx', 'pdf'] as const).map((f) => (
                  <Button key={f} size="small" icon={<DownloadOutlined />} href={classificationFiguresApi.decisionUrl(province, year, f)}
                    target={f === 'pdf' ? '_blank' : undefined} data-testid={`clf-decision-${f}`}>
                    {f === 'xlsx' ? t('clfFig.annexXlsx') : f.toUpperCase()}
                  </Button>
                ))}
              </Space>
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('clfFig.note')}</Typography.Paragraph>
          </>
        )}
      </Spin>
    </Card>
  );
}
