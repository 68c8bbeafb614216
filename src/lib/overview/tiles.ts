import type { AnalysisResult, GroupTotal } from '../analysis/result.ts';
import type { SectionId } from '../address/url-state.ts';
import { formatAmount, formatCount, formatPercent } from '../format.ts';

/** One key figure: its name, the number as shown, a line of context, and how it is defined. */
export interface FigureTile {
  id: string;
  label: string;
  value: string;
  detail: string;
  definition: string;
  section: SectionId;
}

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** `32 days`, `12.5 days`, `1 day`; `–` when no customer ordered twice. */
export function formatDays(days: number | null): string {
  if (days === null) return '–';
  return `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(days)} ${days === 1 ? 'day' : 'days'}`;
}

const share = (part: number, whole: number) => (whole > 0 ? formatPercent(part / whole) : '–');

/** The key figures, in reading order; definitions match src/lib/sql/overview.ts and README.md. */
export function figureTiles(result: AnalysisResult): FigureTile[] {
  const { buyers, neverPurchased, top, overview } = result;
  const { atRisk } = overview;
  return [
    {
      id: 'customers',
      label: 'Customers',
      value: formatCount(buyers),
      detail: neverPurchased > 0 ? `and ${plural(neverPurchased, 'customer', 'customers')} in the customers file who never purchased` : '',
      definition: 'Customers with at least one order.',
      section: 'data',
    },
    {
      id: 'orders',
      label: 'Orders',
      value: formatCount(overview.orders),
      detail: buyers > 0 ? `${(overview.orders / buyers).toFixed(1)} per customer` : '',
      definition: 'Orders of these customers (the lines of one order id count once; a netted return is no order).',
      section: 'data',
    },
    {
      id: 'revenue',
      label: 'Revenue',
      value: formatAmount(result.revenue),
      detail: '',
      definition: 'Sum of these customers’ order amounts, after the import’s cleaning rules (returns subtracted when netted).',
      section: 'value',
    },
    {
      id: 'repeat',
      label: 'Repeat-purchase rate',
      value: share(overview.repeatCustomers, buyers),
      detail: `${formatCount(overview.repeatCustomers)} of ${plural(buyers, 'customer', 'customers')}`,
      definition: 'Customers with 2 or more orders ÷ customers.',
      section: 'rfm',
    },
    {
      id: 'gap',
      label: 'Median days between orders',
      value: formatDays(overview.medianDaysBetweenOrders),
      detail: overview.gaps > 0 ? `over ${plural(overview.gaps, 'gap', 'gaps')} between orders` : 'no customer ordered twice',
      definition:
        'Median of the calendar days between each customer’s consecutive orders, all gaps of all customers pooled; two orders on one day are 0 days apart.',
      section: 'rfm',
    },
    {
      id: 'top',
      label: `Top ${formatPercent(top.percent / 100)} revenue share`,
      value: formatPercent(top.revenueShare),
      detail: `from the top ${plural(top.customers, 'customer', 'customers')} by spend`,
      definition: `Spend of the top ${formatPercent(top.percent / 100)} of customers (rounded up) ÷ the spend of all customers who spent more than 0: the Pareto cut.`,
      section: 'value',
    },
    {
      id: 'risk',
      label: 'Revenue at risk',
      value: formatAmount(atRisk.revenueText),
      detail: `${share(atRisk.revenue, atRisk.windowRevenue)} of the last 12 months’ revenue, from ${plural(atRisk.customers, 'customer', 'customers')}`,
      definition: `Orders from ${atRisk.firstDay} to ${atRisk.lastDay} (the 12 months before the analysis date ${result.analysisDate}, both days included) of customers whose lifecycle stage is now cooling or lapsed.`,
      section: 'value',
    },
  ];
}

/** A segment with its share of the customers scored. */
export interface SegmentShare {
  name: string;
  customers: number;
  share: number;
  action: string;
}

/** The `count` largest RFM segments by customers (ties in map order), empty ones left out. */
export function largestSegments(result: AnalysisResult, count = 5): SegmentShare[] {
  return result.segments
    .map((s, index) => ({ s, index }))
    .filter(({ s }) => s.customers > 0)
    .sort((a, b) => b.s.customers - a.s.customers || a.index - b.index)
    .slice(0, count)
    .map(({ s }) => ({
      name: s.name,
      customers: s.customers,
      share: result.buyers > 0 ? s.customers / result.buyers : 0,
      action: s.action,
    }));
}

/** Each lifecycle stage (never purchased included when there are such customers) with its share of them all. */
export function lifecycleMix(stages: readonly GroupTotal[]): { name: string; customers: number; share: number }[] {
  const total = stages.reduce((n, g) => n + g.customers, 0);
  return stages.map((g) => ({ name: g.name, customers: g.customers, share: total > 0 ? g.customers / total : 0 }));
}

/** A colour per lifecycle stage, from fresh (blue) through repeat (green) to cooling and lapsed (warm); never purchased grey. */
export const STAGE_COLORS: Record<string, string> = {
  new: '#67a9cf',
  active: '#2166ac',
  repeat: '#1b7837',
  cooling: '#e08214',
  lapsed: '#b2182b',
  'never purchased': '#8c8c8c',
};
