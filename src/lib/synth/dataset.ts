import { customersCsv } from './customers-csv.ts';
import { createModel } from './model.ts';
import type { SynthOptions } from './options.ts';
import { buildSchedule } from './schedule.ts';
import { buildTraits } from './traits.ts';
import { transactionsCsv } from './transactions-csv.ts';

/** Chunks of about 1 MB: big enough for fast writes, small enough to never hold a whole file. */
export const CHUNK_CHARS = 1 << 20;

/** A synthetic retail dataset: a customers file and a transactions file, both streamed. */
export interface Dataset {
  readonly options: SynthOptions;
  /** Rows of the customers file. */
  readonly customers: number;
  /** Customer ids that appear in transactions but not in the customers file. */
  readonly ghosts: number;
  /** The customers CSV in chunks. */
  customersCsv(chunkChars?: number): Generator<string>;
  /** The transactions CSV in chunks (exactly `targetRows` rows after the header). */
  transactionsCsv(chunkChars?: number): Generator<string>;
}

/**
 * A seeded dataset. Validates the options at once; the transaction schedule (a few bytes per
 * invoice) is built when the transactions are first read.
 */
export function createDataset(options: SynthOptions): Dataset {
  const model = createModel({ ...options });
  return {
    options: model.options,
    customers: model.fileCustomers,
    ghosts: model.ghosts,
    customersCsv: (chunkChars = CHUNK_CHARS) => customersCsv(model, chunkChars),
    *transactionsCsv(chunkChars = CHUNK_CHARS) {
      const traits = buildTraits(model);
      const schedule = buildSchedule(model, traits, model.options.targetRows);
      yield* transactionsCsv(model, traits, schedule, chunkChars);
    },
  };
}
