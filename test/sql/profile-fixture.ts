import { loadCsvFixture } from './load-fixture.ts';
import type { SqlRunner } from '../../src/lib/import/sql-runner.ts';

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
export async function loadProfileData(db: SqlRunner, pathOf: (name: string) => string): Promise<void> {
  await loadCsvFixture(db, PROFILE_FILES, pathOf, PROFILE_ANALYSIS_DATE);
}
