import { runAnalysis } from '../../src/lib/analysis/run-analysis.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import type { SqlRunner } from '../../src/lib/import/sql-runner.ts';
import { defaultAnalysisSpec } from '../../src/lib/spec/rfm-defaults.ts';
import { defaultImportSpec, defaultParseOptions, type FileImport, type Role } from '../../src/lib/spec/import.ts';
import { SNAPSHOT_CUSTOMERS_SQL } from '../../src/lib/sql/segment-base.ts';
import { csvRegistration } from './csv-registration.ts';

/** Orders and a customers file (with a `city` to overwrite) for the user-SQL gate's tests, browser engine and native. */
export const GATE_FILES = {
  'gate-orders.csv': [
    'order,id,date,amount,product',
    'o1,a,2024-01-05,10.50,tea',
    'o2,a,2024-03-01,20.00,cake',
    'o3,b,2024-02-10,5.25,tea',
    'o4,c,2024-04-01,99.99,mug',
    'o5,d,2024-05-20,12.00,tea',
  ].join('\n'),
  'gate-customers.csv': ['id,city,plan', 'a,Leeds,basic', 'b,York,plus', 'c,Bath,basic', 'd,Ely,pro'].join('\n'),
};
export const GATE_ANALYSIS_DATE = '2024-06-01';
const ROLES: Record<string, Role> = { id: 'customer_id', order: 'order_id', date: 'order_date', amount: 'amount' };

/** Imports and analyses the files (registered at `pathOf(name)`), then snapshots `customers` as the worker does. */
export async function loadGateData(db: SqlRunner, pathOf: (name: string) => string): Promise<void> {
  const files: FileImport[] = Object.entries(GATE_FILES).map(([name, csv]) => {
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
    files.map((f) => csvRegistration(f, GATE_FILES[f.name as keyof typeof GATE_FILES], pathOf(f.name))),
  );
  await runAnalysis(db, { ...defaultAnalysisSpec(), analysisDate: GATE_ANALYSIS_DATE }, null);
  await db.exec(SNAPSHOT_CUSTOMERS_SQL);
}
