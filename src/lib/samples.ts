import type { CleaningRules } from './spec/import.ts';
import { standardCleaning } from './spec/import.ts';

/** A bundled dataset. Ids are versioned so a link naming one keeps showing the same data. */
export interface Sample {
  id: string;
  title: string;
  files: { path: string; name: string }[];
  cleaning: CleaningRules;
}

const RETAIL_CLEANING = (): CleaningRules => ({
  ...standardCleaning(),
  cancelled: { enabled: true, orderIdPrefix: 'C', statusValues: ['cancelled'] },
});

export const SAMPLES: readonly Sample[] = [
  {
    id: 'retail-v2',
    title: 'Retail sample (synthetic, 2023–2024, with contact fields)',
    files: [
      // v2 adds contact fields to the customers only: its orders are retail-v1's file, byte for byte.
      { path: 'samples/retail-v1/transactions.csv', name: 'retail-v2-transactions.csv' },
      { path: 'samples/retail-v2/customers.csv', name: 'retail-v2-customers.csv' },
    ],
    cleaning: RETAIL_CLEANING(),
  },
  {
    id: 'retail-v1',
    title: 'Retail sample (synthetic, 2023–2024)',
    files: [
      { path: 'samples/retail-v1/transactions.csv', name: 'retail-v1-transactions.csv' },
      { path: 'samples/retail-v1/customers.csv', name: 'retail-v1-customers.csv' },
    ],
    cleaning: RETAIL_CLEANING(),
  },
];

/** The sample the page offers ("Try sample data") and `npm start` opens; older ones stay reachable by link. */
export const DEFAULT_SAMPLE: Sample = SAMPLES[0];

export function findSample(id: string | null): Sample | undefined {
  return SAMPLES.find((s) => s.id === id);
}
