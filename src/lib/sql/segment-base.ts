/**
 * Segment work reads `customers` many times per edit (counts, KPIs, overlap, profiles, pages).
 * The view joins six tables, so it is copied once into a temporary table of the same name, which
 * DuckDB resolves before the view: user SQL, the console and every compiled query then read the
 * copy unchanged. Anything that rebuilds the tables behind the view must drop the copy first.
 */
export const SNAPSHOT_CUSTOMERS_SQL = 'CREATE OR REPLACE TEMP TABLE customers AS SELECT * FROM main.customers';

export const DROP_CUSTOMERS_SNAPSHOT_SQL = 'DROP TABLE IF EXISTS temp.customers';
