import { loadCsvFixture } from './load-fixture.ts';
import type { SqlRunner } from '../../src/lib/import/sql-runner.ts';

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
export async function loadGateData(db: SqlRunner, pathOf: (name: string) => string): Promise<void> {
  await loadCsvFixture(db, GATE_FILES, pathOf, GATE_ANALYSIS_DATE);
}
