/** The two things the import needs from a database; the browser worker, tests and CLI implement it. */
export interface SqlRunner {
  exec(sql: string): Promise<void>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
}
