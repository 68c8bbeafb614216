/**
 * The short guided explanations shown beside RFM, value tiers, lifecycle stages and segment
 * analysis, and the process overview. Plain text, built from the definitions in force (the
 * defaults until someone edits them), so every threshold the text quotes is the one the
 * analysis used: none is typed here.
 */
import type { SectionId } from '../address/url-state.ts';
import type { AnalysisSpec, LifecycleSpec, RfmSpec, TierSpec } from '../spec/analysis.ts';
import { NEVER_PURCHASED } from '../sql/lifecycle.ts';

export interface Explanation {
  /** The disclosure's label: the question a newcomer asks. */
  question: string;
  paragraphs: string[];
  /** What each number or name on screen means. */
  terms: { term: string; meaning: string }[];
}

const AT_ANALYSIS_DATE =
  'Everything is counted at the analysis date — by default the day after the latest order in the data, not today — so an old file reads as it did when it was exported.';

function scoringParagraph(rfm: Pick<RfmSpec, 'method' | 'bins'>): string {
  const n = rfm.bins;
  switch (rfm.method) {
    case 'ntile':
      return `Customers are ranked on each number and split into ${n} groups of equal size: the best group scores ${n}, the worst 1. Customers with the same value are split by customer id, so two equal values can get neighbouring scores.`;
    case 'breakpoints':
      return `Each number is cut at its quantiles (${n - 1} cut points splitting customers into ${n} groups as equal as ties allow): the best class scores ${n}, the worst 1. Equal values always share a score, so the classes can be uneven.`;
    case 'thresholds':
      return `Each number is cut at the ${n - 1} cut points typed below: the best class scores ${n}, the worst 1. A value equal to a cut point goes with the smaller values.`;
  }
}

/** Beside the RFM analysis. */
export function rfmExplanation(rfm: Pick<RfmSpec, 'method' | 'bins' | 'monetary' | 'map'>): Explanation {
  const n = rfm.bins;
  const best = String(n).repeat(3);
  const map =
    rfm.map.kind === 'cells'
      ? `Each of the ${n ** 3} cells belongs to exactly one of the ${rfm.map.segments.length} named segments below.`
      : 'The named segments below are score ranges; a customer takes the first one that matches.';
  return {
    question: 'What do the RFM scores mean?',
    paragraphs: [
      `RFM describes each customer who ordered with three numbers and scores each from 1 to ${n}. ${AT_ANALYSIS_DATE}`,
      scoringParagraph(rfm),
      `The three scores make a cell: ${best} is best on all three, 111 worst. ${map} Each has a suggested action.`,
    ],
    terms: [
      {
        term: 'Recency (R)',
        meaning: 'Days from the last order to the analysis date. Fewer days is better, so the most recent score highest.',
      },
      { term: 'Frequency (F)', meaning: 'How many orders the customer placed.' },
      {
        term: 'Monetary (M)',
        meaning: `${rfm.monetary === 'average' ? 'Average order value' : 'Total spend'}, net of returns when returns are netted. Net spend of 0 or less always scores 1.`,
      },
      { term: 'Cut points table', meaning: "The largest value in each score's class, and (in brackets) how many customers it holds." },
      { term: 'Never purchased', meaning: 'Customers from a customers file with no order: counted, but not scored.' },
    ],
  };
}

const percent = (n: number) => `${n} %`;

function tierTerms(tiers: Pick<TierSpec, 'scheme' | 'tiers'>): { term: string; meaning: string }[] {
  return tiers.tiers.map((tier, i) => {
    const from = i === 0 ? null : tiers.tiers[i - 1].upTo;
    const last = i === tiers.tiers.length - 1;
    const meaning =
      tiers.scheme === 'revenue-share'
        ? from === null
          ? `The biggest spenders who together bring the first ${percent(tier.upTo)} of revenue.`
          : `The next customers down the ranking, until revenue adds up to ${percent(tier.upTo)} (from ${percent(from)}).`
        : from === null
          ? `The top ${percent(tier.upTo)} of customers by spend.`
          : `Customers ranked below the top ${percent(from)}, down to ${percent(tier.upTo)}.`;
    return { term: tier.name, meaning: last ? `${meaning} Also everyone whose net spend is 0 or less.` : meaning };
  });
}

/** Beside the value tiers. */
export function tiersExplanation(tiers: TierSpec): Explanation {
  const scheme =
    tiers.scheme === 'revenue-share'
      ? "Going down that ranking, revenue adds up; a customer's tier is set by the running share of all revenue once their own spend is added."
      : "A customer's tier is set by their place in that ranking, as a percentile of all customers who ordered.";
  return {
    question: 'What do the value tiers mean?',
    paragraphs: [
      `Customers who ordered are ranked by net spend, highest first (equal spend in customer id order). ${scheme}`,
      `The top ${percent(tiers.topPercent)} line says what share of all revenue the top ${percent(tiers.topPercent)} of customers bring: the higher it is, the more revenue depends on a few customers (80 % from 20 % is the classic Pareto rule of thumb). The Pareto curve below draws the same for every cut.`,
    ],
    terms: [...tierTerms(tiers), { term: '% of revenue', meaning: "The tier's net spend as a share of everyone's." }],
  };
}

/** Beside the lifecycle stages. */
export function lifecycleExplanation(lifecycle: LifecycleSpec): Explanation {
  const { newDays, coolingDays, lapsedDays } = lifecycle;
  return {
    question: 'What do the lifecycle stages mean?',
    paragraphs: [
      `A stage says where a customer stands with you at the analysis date (not today), from their first and last order. The rules are tried in this order and the first that matches wins, so a customer is in exactly one stage.`,
    ],
    terms: [
      { term: 'lapsed', meaning: `Last order more than ${lapsedDays} days before the analysis date.` },
      { term: 'cooling', meaning: `Last order more than ${coolingDays} days before (and not lapsed).` },
      { term: 'new', meaning: `First order at most ${newDays} days before.` },
      { term: 'repeat', meaning: `Two or more orders, the first more than ${newDays} days before, the last within ${coolingDays} days.` },
      { term: 'active', meaning: `One order, more than ${newDays} and at most ${coolingDays} days before.` },
      { term: NEVER_PURCHASED, meaning: 'In the customers file, with no order.' },
    ],
  };
}

/** Beside the segment analysis (KPIs, overlap, profile). */
export function segmentAnalysisExplanation(minSizePercent: number): Explanation {
  return {
    question: 'What do the segment KPIs mean?',
    paragraphs: [
      'Each segment is compared with the base, “All customers”: everyone who ordered plus customers from a customers file who never did. Revenue is net spend, and recency is counted at the analysis date.',
      'The number in brackets is an index: the segment’s value ÷ the base’s × 100. 100 means the same as everyone, 150 half as much again, 50 half. It is green when at least 10 points better than the base and red when at least 10 points worse; for recency fewer days is better.',
    ],
    terms: [
      { term: '% of base, % of revenue', meaning: 'The segment’s share of all customers, and of all revenue.' },
      { term: 'Orders per customer', meaning: 'The segment’s orders ÷ its customers.' },
      { term: 'AOV', meaning: 'Revenue ÷ orders: every order weighs the same.' },
      { term: 'Revenue per customer', meaning: 'Revenue ÷ customers.' },
      { term: 'Avg recency', meaning: 'Average days since the last order, over customers who ordered.' },
      { term: 'Too narrow', meaning: `Fewer than ${percent(minSizePercent)} of customers: often too few to act on (set above).` },
      {
        term: 'Overlap',
        meaning:
          'Customers in both segments; the % is of the row’s segment; J, the Jaccard index, is shared ÷ in either (0 nobody shared, 1 the same customers). The diagonal is each segment’s size.',
      },
      {
        term: 'Lift (profile)',
        meaning: 'A value’s share in the segment ÷ its share overall: above 1, the segment has more of it than the base.',
      },
    ],
  };
}

/** Every explanation the analysis's definitions produce, for tests and for a reviewer to read at once. */
export function allExplanations(analysis: AnalysisSpec, minSizePercent: number): Explanation[] {
  return [
    rfmExplanation(analysis.rfm),
    tiersExplanation(analysis.tiers),
    lifecycleExplanation(analysis.lifecycle),
    segmentAnalysisExplanation(minSizePercent),
  ];
}

export interface ProcessStep {
  name: string;
  what: string;
  /** Where the step happens in the app, in order. */
  sections: SectionId[];
}

/** Segmentation as a process: goals → data → segments → analysis → action. */
export const PROCESS: readonly ProcessStep[] = [
  { name: 'Goals', what: 'Decide what should change: win back, repeat orders, keep the best.', sections: ['overview'] },
  { name: 'Data', what: 'Load orders (and customers); check what was read.', sections: ['data'] },
  { name: 'Segments', what: 'Group customers: RFM, tiers, lifecycle, own rules.', sections: ['rfm', 'value', 'segments'] },
  { name: 'Analysis', what: 'Compare each with the base: KPIs, overlap, profile.', sections: ['segments'] },
  { name: 'Action', what: 'Pick a few worth acting on; export their customers.', sections: ['segments', 'rfm'] },
];
