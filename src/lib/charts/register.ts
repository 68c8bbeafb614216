import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';

let registered = false;

/** Registers, once, only the Chart.js parts the analysis charts use; returns Chart. */
export function registerCharts(): typeof Chart {
  if (!registered) {
    Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);
    Chart.register(MatrixController, MatrixElement);
    registered = true;
  }
  return Chart;
}
