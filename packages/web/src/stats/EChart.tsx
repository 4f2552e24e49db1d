import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the parts the dashboard draws: the statistics page's chunk carries them, no other page does.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * One ECharts chart. `onPick` receives the data index of the bar / point / slice tapped (the
 * dashboard opens the list behind it). Resizes with its box (phones turn, the side menu folds).
 */
export function EChart({ option, height, onPick, testId }: { option: ChartOption; height: number; onPick?: (dataIndex: number, seriesIndex: number) => void; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => {
      const p = params as { dataIndex?: number; seriesIndex?: number };
      if (typeof p.dataIndex === 'number') pick.current?.(p.dataIndex, p.seriesIndex ?? 0);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={box} style={{ height, width: '100%' }} data-testid={testId} className={onPick ? 'fp-chart fp-chart-clickable' : 'fp-chart'} />;
}
