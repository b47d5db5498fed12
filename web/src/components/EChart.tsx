// One Apache ECharts chart: created on mount, given a new option when `option` changes, resized
// with its box, disposed on unmount. Only the chart kinds the dashboard draws are bundled.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, MapChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, MapChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent,
  VisualMapComponent, CanvasRenderer]);

export { echarts };
export type EChartOption = echarts.EChartsCoreOption;

interface Props {
  option: EChartOption;
  height?: number;
  'data-testid'?: string;
  /** Extra attributes for tests (e.g. how many areas the map coloured). */
  data?: Record<string, string | number>;
}

export function EChart({ option, height = 320, data, ...rest }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(box.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(data ?? {})) attrs[`data-${k}`] = String(v);
  return <div ref={box} style={{ width: '100%', height }} data-testid={rest['data-testid']} {...attrs} />;
}
