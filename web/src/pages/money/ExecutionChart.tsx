// Planned / allocated / spent as grouped horizontal bars, one group per row of an execution table.
import { useMemo } from 'react';
import type { Execution } from '../../api/money';
import { EChart, type EChartOption } from '../../components/EChart';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n';

export function ExecutionChart({ data, testId }: { data: Execution; testId: string }) {
  const { t, lang } = useI18n();
  const option = useMemo<EChartOption>(() => {
    const rows = data.rows;
    const bar = (name: string, key: 'planned' | 'allocated' | 'spent', color: string) => ({
      type: 'bar', name, barMaxWidth: 14, itemStyle: { color }, data: rows.map((r) => r[key]),
    });
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${formatNumber(v, 0)} đ` },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatNumber(v / 1e6, 1) + ' tr' } },
      yAxis: {
        type: 'category', inverse: true, axisLabel: { width: 110, overflow: 'truncate' },
        data: rows.map((r) => (lang === 'en' ? r.labelEn || r.label : r.label)),
      },
      series: [bar(t('money.planned'), 'planned', '#91caff'), bar(t('money.allocated'), 'allocated', '#1677ff'), bar(t('money.spent'), 'spent', '#fa8c16')],
    };
  }, [data, lang, t]);
  return (
    <EChart option={option} height={Math.max(180, 50 + data.rows.length * 50)} data-testid={testId}
      data={{ rows: data.rows.length, planned: data.total.planned, allocated: data.total.allocated, spent: data.total.spent }} />
  );
}
