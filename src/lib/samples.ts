import type { CleaningRules } from './spec/import.ts';
import { standardCleaning } from './spec/import.ts';

/** A bundled dataset. Ids are versioned so a link naming one keeps showing the same data. */
export interface Sample {
  id: string;
  title: string;
  files: { path: string; name: string }[];
  cleaning: CleaningRules;
}

export const SAMPLES: readonly Sample[] = [
  {
    id: 'retail-v1',
    title: 'Retail sample (synthetic, 2023–2024)',
    files: [
      { path: 'samples/retail-v1/transactions.csv', name: 'retail-v1-transactions.csv' },
      { path: 'samples/retail-v1/customers.csv', name: 'retail-v1-customers.csv' },
    ],
    cleaning: { ...standardCleaning(), cancelled: { enabled: true, orderIdPrefix: 'C', statusValues: ['cancelled'] } },
  },
];

export function findSample(id: string | null): Sample | undefined {
  return SAMPLES.find((s) => s.id === id);
}
