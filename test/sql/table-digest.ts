import type { SqlRunner } from '../../src/lib/import/sql-runner.ts';
import { ident } from '../../src/lib/sql/quote.ts';

/**
 * Everything a statement could have changed, as text: every table's rows (hashed in a stable
 * order), every view's definition, variables and files under uploads/. Two equal digests mean
 * nothing was written. `ignore` names tables the app itself rebuilds during segment work.
 */
export async function databaseDigest(db: SqlRunner, ignore: readonly string[] = ['temp.segment_flags']): Promise<Record<string, string>> {
  const digest: Record<string, string> = Object.create(null);
  const tables = await db.rows(`SELECT database_name AS d, schema_name AS s, table_name AS t FROM duckdb_tables() ORDER BY ALL`);
  for (const { d, s, t } of tables) {
    const name = `${String(d)}.${String(s)}.${String(t)}`;
    if (ignore.includes(`${String(d)}.${String(t)}`) || ignore.includes(`${String(s)}.${String(t)}`)) continue;
    const [row] = await db.rows(
      `SELECT count(*) AS n, coalesce(md5(string_agg(CAST(r AS VARCHAR), chr(10) ORDER BY CAST(r AS VARCHAR))), '') AS h FROM ${ident(String(d))}.${ident(String(s))}.${ident(String(t))} AS r`,
    );
    digest[`table ${name}`] = `${String(row.n)} rows, md5 ${String(row.h)}`;
  }
  for (const v of await db.rows(
    `SELECT database_name AS d, schema_name AS s, view_name AS v, sql FROM duckdb_views() WHERE NOT internal ORDER BY ALL`,
  )) {
    digest[`view ${String(v.d)}.${String(v.s)}.${String(v.v)}`] = String(v.sql);
  }
  digest['databases'] = (await db.rows(`SELECT database_name FROM duckdb_databases() ORDER BY 1`))
    .map((r) => String(r.database_name))
    .join(', ');
  digest['variables'] = (await db.rows(`SELECT name FROM duckdb_variables() ORDER BY 1`)).map((r) => String(r.name)).join(', ');
  digest['files'] = (await db.rows(`SELECT file FROM glob('uploads/**') ORDER BY 1`)).map((r) => String(r.file)).join(', ');
  return digest;
}
