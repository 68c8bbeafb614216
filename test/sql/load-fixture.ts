import { runAnalysis } from '../../src/lib/analysis/run-analysis.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import type { SqlRunner } from '../../src/lib/import/sql-runner.ts';
import { defaultImportSpec, defaultParseOptions, type FileImport, type Role } from '../../src/lib/spec/import.ts';
import { defaultAnalysisSpec } from '../../src/lib/spec/rfm-defaults.ts';
import { SNAPSHOT_CUSTOMERS_SQL } from '../../src/lib/sql/segment-base.ts';
import { csvRegistration } from './csv-registration.ts';

// A Map: a fixture's column may be called `__proto__`.
const ROLES = new Map<string, Role>([
  ['id', 'customer_id'],
  ['order', 'order_id'],
  ['date', 'order_date'],
  ['amount', 'amount'],
]);

/**
 * Imports small CSV fixtures (name → text; a name with "customers" is a customers file; columns
 * `id`, `order`, `date`, `amount` take their roles, the rest are attributes), registered at
 * `pathOf(name)`, analyses them at `analysisDate`, and snapshots `customers` as the worker does.
 */
export async function loadCsvFixture(
  db: SqlRunner,
  texts: Record<string, string>,
  pathOf: (name: string) => string,
  analysisDate: string,
): Promise<void> {
  const files: FileImport[] = Object.entries(texts).map(([name, csv]) => {
    const kind = name.includes('customers') ? ('customers' as const) : ('transactions' as const);
    return {
      name,
      kind,
      parse: defaultParseOptions(),
      columns: csv
        .split('\n')[0]
        .split(',')
        .map((h) => ({ name: h, role: h === 'id' ? 'customer_id' : kind === 'customers' ? 'attribute' : (ROLES.get(h) ?? 'attribute') })),
    };
  });
  await runImport(
    db,
    defaultImportSpec(files),
    files.map((f) => csvRegistration(f, texts[f.name], pathOf(f.name))),
  );
  await runAnalysis(db, { ...defaultAnalysisSpec(), analysisDate }, null);
  await db.exec(SNAPSHOT_CUSTOMERS_SQL);
}
