import type { Chart, ChartType, Plugin } from 'chart.js';
import { CUT_COLOR, TEXT_COLOR } from './colors.ts';

const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** A vertical line at `at`, in the units of the chart's x scale (a fractional index on a category scale). */
export interface CutLine {
  at: number;
  /** Drawn beside the line, at the bottom of the plot. */
  label?: string;
  /** A dot on the line at this value of the y scale. */
  dotY?: number;
}

/** A labelled stretch of the x scale between two lines (x-scale units). */
export interface CutBand {
  from: number;
  to: number;
  label: string;
}

export interface CutLayout {
  lines: CutLine[];
  bands: CutBand[];
}

/**
 * Dashed vertical lines with optional labels, and band labels along the top of the plot: the score
 * cut points of a histogram, the top-X % cut of the Lorenz curve. Inline: pass it in `config.plugins`.
 */
export function cutLinesPlugin(layout: CutLayout): Plugin<ChartType> & { layout: CutLayout } {
  return {
    id: 'cutLines',
    layout,
    afterDatasetsDraw(chart: Chart) {
      const x = chart.scales.x;
      const y = chart.scales.y;
      const area = chart.chartArea;
      if (!x || !area) return;
      const ctx = chart.ctx;
      ctx.save();
      ctx.font = FONT;
      ctx.textBaseline = 'top';
      for (const band of layout.bands) {
        const from = x.getPixelForValue(band.from);
        const to = x.getPixelForValue(band.to);
        const width = Math.abs(to - from);
        if (!Number.isFinite(width) || ctx.measureText(band.label).width > width - 4) continue;
        ctx.fillStyle = TEXT_COLOR;
        ctx.textAlign = 'center';
        ctx.fillText(band.label, (from + to) / 2, area.top + 4);
      }
      for (const line of layout.lines) {
        const px = x.getPixelForValue(line.at);
        if (!Number.isFinite(px) || px < area.left - 0.5 || px > area.right + 0.5) continue;
        ctx.strokeStyle = CUT_COLOR;
        ctx.lineWidth = 1.5;
        ctx.setLineDash([5, 4]);
        ctx.beginPath();
        ctx.moveTo(px, area.top);
        ctx.lineTo(px, area.bottom);
        ctx.stroke();
        ctx.setLineDash([]);
        if (line.dotY !== undefined && y) {
          ctx.fillStyle = CUT_COLOR;
          ctx.beginPath();
          ctx.arc(px, y.getPixelForValue(line.dotY), 4, 0, 2 * Math.PI);
          ctx.fill();
        }
        if (line.label) {
          const room = area.right - px;
          const fits = ctx.measureText(line.label).width + 12 <= room;
          ctx.fillStyle = CUT_COLOR;
          ctx.textAlign = fits ? 'left' : 'right';
          ctx.textBaseline = 'bottom';
          ctx.fillText(line.label, fits ? px + 6 : px - 6, area.bottom - 6);
          ctx.textBaseline = 'top';
        }
      }
      ctx.restore();
    },
  };
}

/** Text inside each element of the first dataset (heatmap cells), with a colour per element. */
export interface CellLabels {
  texts: string[];
  colors: string[];
}

export function cellLabelsPlugin(labels: CellLabels): Plugin<ChartType> & { labels: CellLabels } {
  return {
    id: 'cellLabels',
    labels,
    afterDatasetsDraw(chart: Chart) {
      const meta = chart.getDatasetMeta(0);
      const ctx = chart.ctx;
      ctx.save();
      ctx.font = FONT;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      meta.data.forEach((element, i) => {
        const text = labels.texts[i];
        if (!text) return;
        // A matrix element's x, y are its top-left corner.
        const { x, y, width, height } = element.getProps(['x', 'y', 'width', 'height'], true) as Record<string, number>;
        if (!(width > 0 && height >= 14) || ctx.measureText(text).width > width - 4) return;
        ctx.fillStyle = labels.colors[i] ?? TEXT_COLOR;
        ctx.fillText(text, x + width / 2, y + height / 2);
      });
      ctx.restore();
    },
  };
}

/**
 * A colour scale under the plot, drawn into the canvas so that a downloaded PNG keeps it:
 * `title`, the low value, a strip of `stops` (low to high), the high value, and optionally a swatch
 * for empty cells. The chart must leave `COLOR_LEGEND_HEIGHT` of bottom padding for it.
 */
export interface ColorLegend {
  title: string;
  low: string;
  high: string;
  stops: string[];
  empty?: { color: string; label: string };
}

export const COLOR_LEGEND_HEIGHT = 30;
const STRIP_WIDTH = 140;
const STRIP_HEIGHT = 12;

export function colorLegendPlugin(legend: ColorLegend): Plugin<ChartType> & { legend: ColorLegend } {
  return {
    id: 'colorLegend',
    legend,
    afterDraw(chart: Chart) {
      const ctx = chart.ctx;
      ctx.save();
      ctx.font = FONT;
      ctx.textBaseline = 'middle';
      ctx.textAlign = 'left';
      const gap = 6;
      const texts = [legend.title, legend.low, legend.high, legend.empty?.label ?? ''].map((t) => ctx.measureText(t).width);
      const emptyWidth = legend.empty ? 2 * gap + STRIP_HEIGHT + gap + texts[3] : 0;
      const total = texts[0] + gap + texts[1] + gap + STRIP_WIDTH + gap + texts[2] + emptyWidth;
      let x = Math.max(4, (chart.width - total) / 2);
      const y = chart.height - COLOR_LEGEND_HEIGHT / 2;
      const text = (t: string, width: number) => {
        ctx.fillStyle = TEXT_COLOR;
        ctx.fillText(t, x, y);
        x += width + gap;
      };
      text(legend.title, texts[0]);
      text(legend.low, texts[1]);
      const step = STRIP_WIDTH / Math.max(1, legend.stops.length);
      legend.stops.forEach((color, i) => {
        ctx.fillStyle = color;
        ctx.fillRect(x + i * step, y - STRIP_HEIGHT / 2, Math.ceil(step), STRIP_HEIGHT);
      });
      x += STRIP_WIDTH + gap;
      text(legend.high, texts[2]);
      if (legend.empty) {
        x += gap;
        ctx.fillStyle = legend.empty.color;
        ctx.fillRect(x, y - STRIP_HEIGHT / 2, STRIP_HEIGHT, STRIP_HEIGHT);
        ctx.strokeStyle = '#c9ccd1';
        ctx.strokeRect(x, y - STRIP_HEIGHT / 2, STRIP_HEIGHT, STRIP_HEIGHT);
        x += STRIP_HEIGHT + gap;
        text(legend.empty.label, texts[3]);
      }
      ctx.restore();
    },
  };
}

/** Paints white under the chart so that a downloaded PNG is not transparent. */
export const whiteBackgroundPlugin: Plugin<ChartType> = {
  id: 'whiteBackground',
  beforeDraw(chart: Chart) {
    const ctx = chart.ctx;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};
