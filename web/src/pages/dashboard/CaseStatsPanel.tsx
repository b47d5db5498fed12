// "Dịch vụ theo chương trình lồng ghép": services delivered and people supported by host programme
// (POST /api/analytics/cases/pivot), for roles with cases.read. Only records consenting to
// statistics count; small cells come back suppressed and are shown "<5".
import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, Empty, Spin, Typography } from 'antd';
import { caseStatsApi, shownCount, type CaseStatsResponse } from '../../api/caseStats';
import { EChart, type EChartOption } from '../../components/EChart';
import { useI18n } from '../../i18n';

interface Props {
  from: string; // YYYY-MM-DD
  to: string;
  orgUnit?: string;
}

interface Row { key: string; label: string; services: number | null; servicesSup: boolean; people: number | null; peopleSup: boolean }

export function rowsOf(services: CaseStatsResponse, people: CaseStatsResponse, lang: string): Row[] {
  const out = new Map<string, Row>();
  const add = (r: CaseStatsResponse, which: 'services' | 'people') => {
    r.rowKeys.forEach((k, i) => {
      const key = k[0] ?? '';
      const label = (lang === 'en' ? r.rowLabelsEn[i]?.[0] : r.rowLabels[i]?.[0]) ?? key;
      const row = out.get(key) ?? { key, label, services: 0, servicesSup: false, people: 0, peopleSup: false };
      if (which === 'services') { row.services = r.cells[i][0]; row.servicesSup = r.cellsSuppressed[i][0]; }
      else { row.people = r.cells[i][0]; row.peopleSup = r.cellsSuppressed[i][0]; }
      out.set(key, row);
    });
  };
  add(services, 'services');
  add(people, 'people');
  return [...out.values()];
}

export function CaseStatsPanel({ from, to, orgUnit }: Props) {
  const { t, lang, errText } = useI18n();
  const [state, setState] = useState<{ services?: CaseStatsResponse; people?: CaseStatsResponse; loading: boolean; error: unknown }>({ loading: true, error: null });

  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    const filters = { from, to, ...(orgUnit ? { orgUnit } : {}) };
    Promise.all([
      caseStatsApi.pivot({ measure: 'caseServices', rows: ['hostProgramme'], filters }),
      caseStatsApi.pivot({ measure: 'casePeople', rows: ['hostProgramme'], filters }),
    ]).then(
      ([services, people]) => live && setState({ services, people, loading: false, error: null }),
      (error) => live && setState({ loading: false, error }),
    );
    return () => { live = false; };
  }, [from, to, orgUnit]);

  const rows = useMemo(() => (state.services && state.people ? rowsOf(state.services, state.people, lang) : []), [state, lang]);

  const option = useMemo<EChartOption>(() => {
    // a suppressed cell: no bar, the label "<5"
    const point = (v: number | null, sup: boolean) => (sup ? { value: 0, label: { show: true, formatter: '<5' }, suppressed: true } : { value: v ?? 0 });
    const series = (name: string, color: string, pick: (r: Row) => { value: number }) => ({
      name, type: 'bar', data: rows.map(pick), itemStyle: { color },
      label: { show: true, position: 'right', formatter: (p: { value: number; data: { suppressed?: boolean } }) => (p.data?.suppressed ? '<5' : String(p.value)) },
    });
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { seriesName: string; name: string; value: number; data: { suppressed?: boolean } }[]) =>
          [ps[0]?.name ?? '', ...ps.map((p) => `${p.seriesName}: ${p.data?.suppressed ? '<5' : p.value}`)].join('<br/>'),
      },
      legend: { bottom: 0 },
      grid: { left: 8, right: 40, top: 8, bottom: 40, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { width: 140, overflow: 'truncate' }, inverse: true },
      series: [
        series(t('caseStats.services'), '#1677ff', (r) => point(r.services, r.servicesSup)),
        series(t('caseStats.people'), '#52c41a', (r) => point(r.people, r.peopleSup)),
      ],
    };
  }, [rows, t]);

  const totals = state.services && state.people
    ? `${t('caseStats.services')}: ${shownCount(state.services.total, state.services.totalSuppressed)} · ${t('caseStats.people')}: ${shownCount(state.people.total, state.people.totalSuppressed)}`
    : '';

  return (
    <Card title={t('caseStats.title')} size="small" data-testid="case-stats-panel">
      <Spin spinning={state.loading}>
        {state.error ? (
          <Alert type="error" showIcon message={errText(state.error)} />
        ) : rows.length === 0 && !state.loading ? (
          <Empty description={t('caseStats.empty')} data-testid="case-stats-empty" />
        ) : (
          <>
            <EChart option={option} height={Math.max(220, 40 + rows.length * 44)} data-testid="echart-case-stats"
              data={{ rows: rows.length, suppressed: rows.filter((r) => r.servicesSup || r.peopleSup).length }} />
            <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="case-stats-totals">{totals}</Typography.Paragraph>
          </>
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('caseStats.note')}</Typography.Paragraph>
      </Spin>
    </Card>
  );
}
