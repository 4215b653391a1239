/**
 * One echarts chart. Only the chart types and components used are registered (tree-shaken, in the
 * statistics chunk alone). Canvas renderer and rich-text tooltips: the HTML tooltip writes inline
 * style attributes, which the page's CSP (style-src without 'unsafe-inline') refuses.
 */

import type { BarSeriesOption, PieSeriesOption } from 'echarts/charts';
import { BarChart, PieChart } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type ComposeOption, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export function EChart({ option, height = 280, label }: { option: ChartOption; height?: number; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = init(el, undefined, { renderer: 'canvas', locale: 'ZH' });
    chart.setOption({
      ...option,
      tooltip: { renderMode: 'richText', ...(option.tooltip as object) },
      textStyle: { fontFamily: 'system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif' },
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} className="echart" style={{ width: '100%', height }} />;
}
