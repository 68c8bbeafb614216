import { runAnalysis } from '../../src/lib/analysis/run-analysis.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import type { SqlRunner } from '../../src/lib/import/sql-runner.ts';
import { defaultAnalysisSpec } from '../../src/lib/spec/rfm-defaults.ts';
import { defaultImportSpec, defaultParseOptions, type FileImport, type Role } from '../../src/lib/spec/import.ts';
import { SNAPSHOT_CUSTOMERS_SQL } from '../../src/lib/sql/segment-base.ts';

/**
 * Orders with times of day, fractional amounts (0.005, 19.99) and two attributes that live on
 * orders, and a customers file with a plan; e never ordered. Per customer:
 *   a (basic): 3 orders, channel web/store/store, country FR/FR/DE
 *   b (basic): 2 orders, channel web/web, country DE/(empty)
 *   c (pro):   1 order, channel app, country FR
 *   d (pro):   2 orders, channel store/web, country DE/FR — ties both ways
 */
export const PROFILE_FILES = {
  'profile-orders.csv': [
    'order,id,date,amount,channel,country',
    'o1,a,2024-03-01 09:15:00,19.99,web,FR',
    'o2,a,2024-03-05 23:59:59,0.005,store,FR',
    'o3,a,2024-04-01 00:00:01,19.99,store,DE',
    'o4,b,2024-03-05 08:00:00,100.00,web,DE',
    'o5,b,2024-05-10 12:00:00,0.005,web,',
    'o6,c,2024-05-10 18:30:00,19.99,app,FR',
    'o7,d,2024-02-01 10:00:00,5.50,store,DE',
    'o8,d,2024-02-02 10:00:00,5.50,web,FR',
  ].join('\n'),
  'profile-customers.csv': ['id,plan', 'a,basic', 'b,basic', 'c,pro', 'd,pro', 'e,pro'].join('\n'),
};
export const PROFILE_ANALYSIS_DATE = '2024-06-01';
const ROLES: Record<string, Role> = { id: 'customer_id', order: 'order_id', date: 'order_date', amount: 'amount' };

/** Imports and analyses the files (registered at `pathOf(name)`), then snapshots `customers` as the worker does. */
export async function loadProfileData(db: SqlRunner, pathOf: (name: string) => string): Promise<void> {
  const files: FileImport[] = Object.entries(PROFILE_FILES).map(([name, csv]) => {
    const kind = name.includes('customers') ? ('customers' as const) : ('transactions' as const);
    return {
      name,
      kind,
      parse: defaultParseOptions(),
      columns: csv
        .split('\n')[0]
        .split(',')
        .map((h) => ({ name: h, role: h === 'id' ? 'customer_id' : kind === 'customers' ? 'attribute' : (ROLES[h] ?? 'attribute') })),
    };
  });
  await runImport(
    db,
    defaultImportSpec(files),
    files.map((f) => ({ path: pathOf(f.name), delimiter: ',' as const })),
  );
  await runAnalysis(db, { ...defaultAnalysisSpec(), analysisDate: PROFILE_ANALYSIS_DATE }, null);
  await db.exec(SNAPSHOT_CUSTOMERS_SQL);
}
