// Tổng quan: the home page of ministry and province users. Figures of the caller's unit over a
// span of years, all from the analytics pivot (POST /api/analytics/pivot): people reached per
// quarter, by intervention type, by target group and by province (or commune for a province
// user); a map of the areas coloured by a chosen measure (boundaries from GET /api/boundaries);
// completeness and timeliness of the six-monthly report (GET /api/reports/compile); the
// indicator scorecard (GET /api/indicators/scorecard, an empty state while it does not exist).
import { useEffect, useMemo, useState } from 'react';
import { fold } from '../reports';
import { Link } from 'react-router-dom';
import { Alert, Card, Col, Empty, Row, Select, Space, Spin, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { analyticsApi, ApiError, isAbort, reportApi } from '../api/api';
import type { GeoFeatureCollection, ReportCompilation, Scorecard, ScorecardRow } from '../api/types';
import { FORMER_UNITS_KEY, halfOf, periodLabel, pivotToSearch, previousHalf, seriesOf, type PivotRequest, type PivotResponse } from '../analytics';
import { EChart, echarts, type EChartOption } from '../components/EChart';
import { formatNumber, todayIso } from '../format';
import { useI18n, type Lang, type MessageKey } from '../i18n';
import { cellOf, formatIndicatorValue, statusColor } from '../indicators';
import { useSession } from '../session';
import { PERM } from '../api/types';
import { metaLabel, useAnalyticsMeta, usePivot } from '../usePivot';
import { CaseStatsPanel } from './dashboard/CaseStatsPanel';
import { MoneyPanel } from './dashboard/MoneyPanel';
import { InspectionFiguresPanel } from './dashboard/InspectionFiguresPanel';
import { ClassificationFiguresPanel } from './dashboard/ClassificationFiguresPanel';
import { classificationFiguresApi, classLayer, type ClassificationFigures } from '../api/classificationFigures';
import { inspectionFiguresApi, layerValues, type InspectionFigures, type InspectionLayer } from '../api/inspectionFigures';

const FIRST_YEAR = 2021;
const escapeHtml = (v: string) =>
  v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
const axisNumber = (v: number) => formatNumber(v, 0);

function ChartCard({ title, loading, error, empty, children, extra, testId }: {
  title: string; loading: boolean; error?: unknown; empty?: boolean; children: React.ReactNode; extra?: React.ReactNode; testId?: string;
}) {
  const { errText } = useI18n();
  return (
    <Card title={title} size="small" extra={extra} data-testid={testId}>
      <Spin spinning={loading}>
        {error ? <Alert type="error" showIcon message={errText(error)} /> : empty ? <Empty /> : children}
      </Spin>
    </Card>
  );
}

function barOption(r: PivotResponse | undefined, horizontal: boolean, color = '#1677ff', lang: Lang = 'vi',
  formerHint = ''): EChartOption {
  const s = r ? seriesOf(r, lang) : { labels: [], values: [] as (number | null)[], keys: [] as string[] };
  // biggest first, at the top of a horizontal chart
  const order = s.labels.map((_, i) => i).sort((a, b) => (s.values[b] ?? 0) - (s.values[a] ?? 0));
  const labels = order.map((i) => s.labels[i]);
  const values = order.map((i) => s.values[i]);
  const former = new Set(order.filter((i) => s.keys[i] === FORMER_UNITS_KEY).map((i) => s.labels[i]));
  const cat = { type: 'category', data: horizontal ? [...labels].reverse() : labels, axisLabel: { width: 160, overflow: 'truncate' } };
  const val = { type: 'value', axisLabel: { formatter: axisNumber } };
  return {
    tooltip: {
      trigger: 'axis',
      // The bar of the units before the 07/2025 reorganisation says what it holds.
      formatter: (ps: { name: string; value: number; marker: string }[]) => {
        const p = ps[0];
        if (!p) return '';
        const line = `${p.marker}${escapeHtml(p.name)}: <b>${formatNumber(p.value)}</b>`;
        return former.has(p.name) && formerHint ? `${line}<br/><span style="white-space:normal;display:inline-block;max-width:280px">${escapeHtml(formerHint)}</span>` : line;
      },
    },
    grid: { left: horizontal ? 170 : 50, right: 24, top: 16, bottom: horizontal ? 24 : 70 },
    xAxis: horizontal ? val : { ...cat, axisLabel: { rotate: 35, width: 90, overflow: 'truncate' } },
    yAxis: horizontal ? cat : val,
    series: [{ type: 'bar', data: horizontal ? [...values].reverse() : values, itemStyle: { color } }],
  };
}

function useBoundaries(level: 'province' | 'commune', within: string | undefined, enabled = true) {
  const [state, setState] = useState<{ fc?: GeoFeatureCollection; loading: boolean; error: unknown }>({ loading: enabled, error: null });
  useEffect(() => {
    if (!enabled) {
      setState({ loading: false, error: null });
      return;
    }
    const ctl = new AbortController();
    setState({ loading: true, error: null });
    analyticsApi.boundaries(level, within, ctl.signal).then(
      (fc) => setState({ fc, loading: false, error: null }),
      (error) => !isAbort(error) && setState({ loading: false, error }),
    );
    return () => ctl.abort();
  }, [level, within, enabled]);
  return state;
}

/** GET /api/indicators/scorecard: absent (404) is "no indicators yet", not an error. */
function useScorecard(orgUnit: string, year: number) {
  const [state, setState] = useState<{ data?: Scorecard; absent: boolean; loading: boolean; error: unknown }>({
    absent: false, loading: true, error: null,
  });
  useEffect(() => {
    const ctl = new AbortController();
    setState({ absent: false, loading: true, error: null });
    analyticsApi.scorecard(orgUnit, year, ctl.signal).then(
      (data) => setState({ data: data as Scorecard, absent: false, loading: false, error: null }),
      (error) => {
        if (isAbort(error)) return;
        if (error instanceof ApiError && error.status === 404) setState({ absent: true, loading: false, error: null });
        else setState({ absent: false, loading: false, error });
      },
    );
    return () => ctl.abort();
  }, [orgUnit, year]);
  return state;
}

/** GET /api/inspection-figures of a unit and year (only for roles with inspections.read). */
function useInspectionFigures(orgUnit: string, year: number, enabled: boolean) {
  const [state, setState] = useState<{ data?: InspectionFigures; loading: boolean; error: unknown }>({ loading: enabled, error: null });
  useEffect(() => {
    if (!enabled) return;
    const ctl = new AbortController();
    setState({ loading: true, error: null });
    inspectionFiguresApi.get(orgUnit, year, ctl.signal).then(
      (data) => setState({ data, loading: false, error: null }),
      (error) => !isAbort(error) && setState({ loading: false, error }),
    );
    return () => ctl.abort();
  }, [orgUnit, year, enabled]);
  return state;
}

/** GET /api/classification/figures of a unit and year (only for roles with classification.read). */
function useClassificationFigures(scope: string, year: number, enabled: boolean) {
  const [state, setState] = useState<{ data?: ClassificationFigures; loading: boolean; error: unknown }>({ loading: enabled, error: null });
  useEffect(() => {
    if (!enabled) return;
    const ctl = new AbortController();
    setState({ loading: true, error: null });
    classificationFiguresApi.get(scope, year, ctl.signal).then(
      (data) => setState({ data, loading: false, error: null }),
      (error) => !isAbort(error) && setState({ loading: false, error }),
    );
    return () => ctl.abort();
  }, [scope, year, enabled]);
  return state;
}

/** One row of the scorecard table: a unit below (or the total) and its cell per indicator. */
interface ScoreRow { key: string; name: string; total: boolean; row: ScorecardRow }

function scoreRows(data: Scorecard | undefined, t: (k: MessageKey) => string): ScoreRow[] {
  if (!data || !data.indicators?.length) return [];
  return [
    ...data.units.map((r) => ({ key: r.orgUnit.code, name: r.orgUnit.name, total: false, row: r })),
    { key: '__total', name: `${t('dash.scorecardTotal')} ${data.orgUnit.name}`, total: true, row: data.total },
  ];
}

export default function DashboardPage() {
  const { t, lang } = useI18n();
  const { me, can } = useSession();
  const meta = useAnalyticsMeta();
  const today = todayIso();
  const thisYear = Number(today.slice(0, 4));
  const home = me!.orgUnit;
  const provinceUser = home.kind === 'province';
  const areaDim = provinceUser ? 'commune' : 'province';
  const [years, setYears] = useState<[number, number]>([FIRST_YEAR, thisYear]);
  const [mapMeasure, setMapMeasure] = useState('reached');
  const [period, setPeriod] = useState(halfOf(today));

  const filters = useMemo(
    () => ({ from: `${years[0]}-01-01`, to: `${years[1]}-12-31`, orgUnit: home.code }),
    [years, home.code],
  );
  const q = (measure: string, rows: string[], columns: string[] = []): PivotRequest => ({ measure, rows, columns, filters });
  const trend = usePivot(q('reached', [], ['quarter']));
  const activities = usePivot(q('activities', []));
  const cost = usePivot(q('cost', []));
  const byType = usePivot(q('reached', ['type']));
  const byGroup = usePivot(q('reached', ['targetGroup']));
  const byArea = usePivot(q('reached', [areaDim]));
  const forMap = usePivot(q(mapMeasure.includes(':') ? 'reached' : mapMeasure, [areaDim]));
  const communeGeo = useBoundaries(areaDim, provinceUser ? home.code : undefined);
  // A province whose communes have no boundaries: its own outline, with a hint how to add them.
  const outlineOnly = provinceUser && !communeGeo.loading && !communeGeo.error && (communeGeo.fc?.features.length ?? 0) === 0;
  const outline = useBoundaries('province', home.code, outlineOnly);
  const geo = outlineOnly ? outline : communeGeo;
  const scorecard = useScorecard(home.code, years[1]);
  const canInspections = can(PERM.inspectionsRead);
  const inspFigures = useInspectionFigures(home.code, years[1], canInspections);
  const canClassification = can(PERM.classificationRead);
  const clfFigures = useClassificationFigures(home.code, years[1], canClassification);

  const [compile, setCompile] = useState<{ data?: ReportCompilation; loading: boolean; error: unknown }>({ loading: false, error: null });
  const canReports = can(PERM.reportsRead);
  useEffect(() => {
    if (!canReports) return;
    const ctl = new AbortController();
    setCompile({ loading: true, error: null });
    reportApi.compile('bc_6thang', period, home.code, ctl.signal).then(
      (data) => setCompile({ data, loading: false, error: null }),
      (error) => !isAbort(error) && setCompile({ loading: false, error }),
    );
    return () => ctl.abort();
  }, [canReports, period, home.code]);

  const trendOption = useMemo<EChartOption>(() => {
    const s = trend.data ? seriesOf(trend.data, lang) : { keys: [], values: [] as (number | null)[] };
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatNumber(v) },
      grid: { left: 60, right: 24, top: 16, bottom: 40 },
      xAxis: { type: 'category', data: s.keys.map((k) => periodLabel(k, lang)) },
      yAxis: { type: 'value', axisLabel: { formatter: axisNumber } },
      series: [{ type: 'line', smooth: true, areaStyle: { opacity: 0.15 }, data: s.values, name: t('dash.reached') }],
    };
  }, [trend.data, t, lang]);

  const typeOption = useMemo(() => barOption(byType.data, true, '#13a8a8', lang), [byType.data, lang]);
  const groupOption = useMemo(() => barOption(byGroup.data, true, '#722ed1', lang), [byGroup.data, lang]);
  const areaOption = useMemo(() => barOption(byArea.data, true, '#1677ff', lang, t('dash.formerUnitsHint')), [byArea.data, lang, t]);
  const areaHasFormer = !!byArea.data?.rowKeys.some((k) => k[0] === FORMER_UNITS_KEY);

  // The map: registered once per boundary set; values by unit code.
  const mapName = `lg-${outlineOnly ? 'outline' : areaDim}-${provinceUser ? home.code : 'all'}`;
  const registered = useMemo(() => {
    if (!geo.fc || geo.fc.features.length === 0) return false;
    echarts.registerMap(mapName, geo.fc as unknown as Parameters<typeof echarts.registerMap>[1]);
    return true;
  }, [geo.fc, mapName]);
  const mapIndicator = mapMeasure.startsWith('ind:') ? mapMeasure.slice(4) : null;
  const mapInspections = mapMeasure.startsWith('insp:') ? (mapMeasure.slice(5) as InspectionLayer) : null;
  // communes coloured by class (issue 18 §5): a category per class, not a scale
  const mapClasses = mapMeasure === 'clf:class';
  const clfLayer = useMemo(() => classLayer(clfFigures.data, lang, t('clfFig.unclassified')), [clfFigures.data, lang, t]);
  const mapValues = useMemo(() => {
    let out = new Map<string, number>();
    if (mapClasses) {
      out = clfLayer.values;
    } else if (mapInspections) {
      out = layerValues(inspFigures.data, mapInspections);
    } else if (mapIndicator) {
      for (const r of scorecard.data?.units ?? []) {
        const v = cellOf(r, mapIndicator)?.value;
        if (v !== null && v !== undefined) out.set(r.orgUnit.code, v);
      }
    } else if (forMap.data) {
      const s = seriesOf(forMap.data);
      s.keys.forEach((k, i) => k && out.set(k, s.values[i] ?? 0));
    }
    // The outline stands for the whole province: its total.
    if (outlineOnly && !mapClasses) {
      const fig = inspFigures.data?.figures;
      const total = mapInspections ? (mapInspections === 'coverage' ? fig?.coveragePct : fig?.inspections)
        : mapIndicator ? scorecard.data?.total && cellOf(scorecard.data.total, mapIndicator)?.value : forMap.data?.total;
      return new Map(typeof total === 'number' ? [[home.code, total]] : []);
    }
    return out;
  }, [forMap.data, mapIndicator, mapInspections, mapClasses, clfLayer, inspFigures.data, scorecard.data, outlineOnly, home.code]);
  const coloured = geo.fc ? geo.fc.features.filter((f) => (mapValues.get(f.properties.code) ?? 0) > 0).length : 0;
  const mapOption = useMemo<EChartOption>(() => {
    if (!registered || !geo.fc) return {};
    const names = new Map(geo.fc.features.map((f) => [f.properties.code, f.properties.name]));
    const max = mapInspections === 'coverage' ? 100 : Math.max(1, ...mapValues.values());
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: number }) =>
          `${names.get(p.name) ?? p.name}: ${mapClasses ? (clfLayer.pieces.find((x) => x.value === p.value)?.label ?? '')
            : formatNumber(Number.isFinite(p.value) ? p.value : 0)}`,
      },
      visualMap: mapClasses ? {
        type: 'piecewise', left: 8, bottom: 8, pieces: clfLayer.pieces, itemWidth: 14, itemHeight: 10,
        itemGap: 8, textStyle: { fontSize: 11, lineHeight: 14, width: 170, overflow: 'break' },
      } : {
        min: 0, max, left: 8, bottom: 8, calculable: true, text: [t('dash.high'), t('dash.low')],
        inRange: { color: ['#e6f4ff', '#69b1ff', '#0958d9', '#002c8c'] }, formatter: (v: number) => formatNumber(v, 0),
      },
      series: [{
        type: 'map', map: mapName, nameProperty: 'code', roam: true, aspectScale: 0.95,
        emphasis: { label: { show: true, formatter: (p: { name: string }) => names.get(p.name) ?? p.name } },
        label: { show: false },
        itemStyle: { borderColor: '#fff', borderWidth: 0.6, areaColor: '#f5f5f5' },
        data: geo.fc.features.map((f) => ({ name: f.properties.code, value: mapValues.get(f.properties.code) ?? 0 })),
      }],
    };
  }, [registered, geo.fc, mapValues, mapName, mapInspections, mapClasses, clfLayer, t]);

  const c = compile.data?.completeness;
  const pending = c ? Math.max(0, c.expected - c.onTime - c.late - c.missing) : 0;
  const completenessOption = useMemo<EChartOption>(() => {
    if (!c) return {};
    const cats = [t('dash.completeness'), t('dash.timeliness')];
    const bar = (name: string, color: string, values: number[]) => ({ name, type: 'bar', stack: 'x', data: values, itemStyle: { color }, label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') } });
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 110, right: 16, top: 8, bottom: 56 },
      xAxis: { type: 'value', max: c.expected || 1, minInterval: 1 },
      yAxis: { type: 'category', data: cats },
      series: [
        bar(t('dash.accepted'), '#52c41a', [c.accepted, 0]),
        bar(t('dash.submittedOnly'), '#95de64', [c.submitted - c.accepted, 0]),
        bar(t('dash.onTime'), '#52c41a', [0, c.onTime]),
        bar(t('dash.late'), '#faad14', [0, c.late]),
        bar(t('dash.pending'), '#d9d9d9', [0, pending]),
        bar(t('dash.notSubmitted'), '#bfbfbf', [Math.max(0, c.expected - c.submitted), 0]),
        bar(t('dash.missing'), '#ff4d4f', [0, c.missing]),
      ],
    };
  }, [c, pending, t]);

  const scoreItems = scoreRows(scorecard.data, t);
  const pivotLink = (rows: string[], columns: string[], measure = 'reached') =>
    `/analytics/pivot?${pivotToSearch({ measure, rows, columns, filters }).toString()}`;
  const yearOptions = Array.from({ length: thisYear - FIRST_YEAR + 2 }, (_, i) => FIRST_YEAR + i).map((y) => ({ value: y, label: String(y) }));
  const areaTitle = provinceUser ? t('dash.byCommune') : t('dash.byProvince');
  const periodOptions = [halfOf(today), previousHalf(halfOf(today)), previousHalf(previousHalf(halfOf(today)))].map((p) => ({
    value: p, label: periodLabel(p, lang),
  }));

  return (
    <div data-testid="dashboard-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('dash.title', { unit: home.name })}
        </Typography.Title>
        <Space wrap>
          <span>{t('dash.years')}</span>
          <Select data-testid="dash-year-from" value={years[0]} style={{ width: 96 }} options={yearOptions}
            onChange={(v) => setYears([v, Math.max(v, years[1])])} />
          <span>–</span>
          <Select data-testid="dash-year-to" value={years[1]} style={{ width: 96 }} options={yearOptions}
            onChange={(v) => setYears([Math.min(v, years[0]), v])} />
          <Link to={pivotLink([areaDim], ['year'])} data-testid="dash-open-pivot">{t('dash.openPivot')}</Link>
        </Space>
      </Space>

      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card size="small"><Spin spinning={trend.loading}>
            <Statistic title={t('dash.reached')} value={formatNumber(trend.data?.total ?? null)} valueStyle={{ color: '#0958d9' }}
              data-testid="kpi-reached" />
          </Spin></Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small"><Spin spinning={activities.loading}>
            <Statistic title={t('dash.activities')} value={formatNumber(activities.data?.total ?? null)} data-testid="kpi-activities" />
          </Spin></Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small"><Spin spinning={cost.loading}>
            <Statistic title={t('dash.cost')} value={formatNumber(cost.data?.total ?? null)} suffix="đ" data-testid="kpi-cost" />
          </Spin></Card>
        </Col>

        <Col xs={24} xl={14}>
          <ChartCard title={t('dash.trend')} loading={trend.loading} error={trend.error} testId="chart-trend">
            <EChart option={trendOption} height={300} data-testid="echart-trend" />
          </ChartCard>
        </Col>
        <Col xs={24} xl={10}>
          <ChartCard title={t('dash.reportStatus', { period: periodLabel(period, lang) })} loading={compile.loading} error={compile.error}
            empty={!canReports || (!!c && c.expected === 0)} testId="chart-completeness"
            extra={<Select size="small" value={period} onChange={setPeriod} options={periodOptions} style={{ width: 190, maxWidth: "45vw" }} popupMatchSelectWidth={false} data-testid="dash-period" />}>
            {c && (
              <>
                <Row gutter={8}>
                  <Col span={12}><Statistic title={t('dash.completeness')} value={c.expected ? Math.round((100 * c.submitted) / c.expected) : 0} suffix={`% (${c.submitted}/${c.expected})`} data-testid="kpi-completeness" /></Col>
                  <Col span={12}><Statistic title={t('dash.timeliness')} value={c.expected ? Math.round((100 * c.onTime) / c.expected) : 0} suffix={`% (${c.onTime}/${c.expected})`} data-testid="kpi-timeliness" /></Col>
                </Row>
                <EChart option={completenessOption} height={190} data-testid="echart-completeness" />
                {can(PERM.reportsReview) && <Link to="/reports/compile">{t('dash.toCompile')}</Link>}
              </>
            )}
          </ChartCard>
        </Col>

        <Col xs={24} xl={14}>
          <ChartCard title={t('dash.map', { measure: mapClasses ? t('clfFig.mapClass') : mapInspections ? t(mapInspections === 'coverage' ? 'inspFig.mapCoverage' : 'inspFig.mapInspections') : mapIndicator ? (scorecard.data?.indicators.find((d) => d.code === mapIndicator)?.[lang === 'vi' ? 'name' : 'nameEn'] ?? mapIndicator) : metaLabel(meta.measures, mapMeasure, lang) })} loading={geo.loading || (mapClasses ? clfFigures.loading : mapInspections ? inspFigures.loading : forMap.loading)}
            error={geo.error || (mapClasses ? clfFigures.error : mapInspections ? inspFigures.error : forMap.error)} testId="chart-map"
            extra={<Select size="small" value={mapMeasure} onChange={setMapMeasure} style={{ width: 200 }} data-testid="dash-map-measure"
              showSearch filterOption={(input, o) => fold(String(o?.label ?? '')).includes(fold(input.trim()))} virtual={false} popupMatchSelectWidth={false}
              options={[
                ...meta.measures.filter((m) => m.code !== 'age').map((m) => ({ value: m.code, label: lang === 'vi' ? m.label : m.labelEn })),
                ...(scorecard.data?.indicators ?? []).map((d) => ({ value: `ind:${d.code}`, label: `${t('dash.indicatorPrefix')} ${lang === 'vi' ? d.name : d.nameEn}` })),
                ...(canInspections ? [
                  { value: 'insp:coverage', label: t('inspFig.mapCoverage') },
                  { value: 'insp:inspections', label: t('inspFig.mapInspections') },
                ] : []),
                ...(canClassification && provinceUser ? [{ value: 'clf:class', label: t('clfFig.mapClass') }] : []),
              ]} />}>
            {registered ? (
              <EChart option={mapOption} height={outlineOnly ? 480 : 560} data-testid="echart-map" data={{ areas: geo.fc?.features.length ?? 0, coloured }} />
            ) : (
              <Empty description={t('dash.noBoundaries')} data-testid="map-empty" />
            )}
            {outlineOnly && (
              <Alert type="info" showIcon style={{ marginTop: 8 }} data-testid="map-outline-hint"
                message={registered ? t('map.provinceOutline') : t('dash.noBoundaries')}
                description={<>
                  {t('map.howToAdd')}{' '}
                  {can(PERM.boundariesManage) && <Link to="/boundaries" data-testid="map-open-boundaries">{t('map.openBoundaries')}</Link>}
                </>} />
            )}
          </ChartCard>
        </Col>
        <Col xs={24} xl={10}>
          <ChartCard title={areaTitle} loading={byArea.loading} error={byArea.error} testId="chart-area"
            extra={<Link to={pivotLink([areaDim], ['year'])}>{t('dash.details')}</Link>}>
            <EChart option={areaOption} height={560} data-testid="echart-area" />
            {areaHasFormer && (
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }} data-testid="dash-former-units-note">
                <strong>{t('dash.formerUnits')}</strong>: {t('dash.formerUnitsHint')}
              </Typography.Paragraph>
            )}
          </ChartCard>
        </Col>

        <Col xs={24} xl={12}>
          <ChartCard title={t('dash.byType')} loading={byType.loading} error={byType.error} testId="chart-type"
            extra={<Link to={pivotLink(['type'], ['year'])}>{t('dash.details')}</Link>}>
            <EChart option={typeOption} height={320} data-testid="echart-type" />
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title={t('dash.byTargetGroup')} loading={byGroup.loading} error={byGroup.error} testId="chart-group"
            extra={<Link to={pivotLink(['targetGroup'], ['year'])}>{t('dash.details')}</Link>}>
            <EChart option={groupOption} height={320} data-testid="echart-group" />
          </ChartCard>
        </Col>

        {canInspections && (
          <Col xs={24} xl={12}>
            <InspectionFiguresPanel data={inspFigures.data} loading={inspFigures.loading} error={inspFigures.error} year={years[1]} />
          </Col>
        )}
        {canClassification && (
          <Col xs={24} xl={12}>
            <ClassificationFiguresPanel data={clfFigures.data} loading={clfFigures.loading} error={clfFigures.error} year={years[1]} />
          </Col>
        )}
        {can(PERM.plansRead) && (
          <Col xs={24} xl={12}>
            <MoneyPanel orgUnit={home.code} year={years[1]} />
          </Col>
        )}
        {can(PERM.casesRead) && (
          <Col xs={24} xl={12}>
            <CaseStatsPanel from={filters.from} to={filters.to} orgUnit={filters.orgUnit} />
          </Col>
        )}
        <Col span={24}>
          <ChartCard title={t('dash.scorecard', { year: years[1] })} loading={scorecard.loading} error={scorecard.error} testId="scorecard">
            {scorecard.absent || scoreItems.length === 0 ? (
              <Empty description={t('dash.noIndicators')} data-testid="scorecard-empty" />
            ) : (
              <Table<ScoreRow> size="small" rowKey="key" pagination={false} dataSource={scoreItems} data-testid="scorecard-table"
                scroll={{ x: true }} rowClassName={(r) => (r.total ? 'scorecard-total' : '')}
                columns={[
                  { title: t('dash.unit'), dataIndex: 'name', fixed: 'left', render: (v: string, r) => (r.total ? <strong>{v}</strong> : v) },
                  ...scorecard.data!.indicators.map((d) => ({
                    title: <Tooltip title={lang === 'vi' ? d.name : d.nameEn}><span>{lang === 'vi' ? d.name : d.nameEn}</span></Tooltip>,
                    key: d.code, align: 'center' as const, width: 150,
                    render: (_: unknown, r: ScoreRow) => {
                      const cell = cellOf(r.row, d.code);
                      if (!cell) return '—';
                      return (
                        <Tooltip title={`${t('dash.target')}: ${formatIndicatorValue(cell.target, d)}`}>
                          <Tag color={statusColor(cell.status)} data-testid={`score-${r.key}-${d.code}`} data-status={cell.status}>
                            {formatIndicatorValue(cell.value, d)}
                          </Tag>
                        </Tooltip>
                      );
                    },
                  })),
                ]} />
            )}
          </ChartCard>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('dash.source', { from: `01/01/${years[0]}`, to: `31/12/${years[1]}` })}
      </Typography.Paragraph>
    </div>
  );
}
