import type { ColumnKind } from '../spec/segments.ts';

/** A column a rule can name, as the engine reports it. */
export interface ColumnInfo {
  name: string;
  kind: ColumnKind;
  /**
   * Stored as VARCHAR. A text column of another kind (an `age` in a customers file, whose every
   * value reads as a number) is compared after a cast; a value that does not read counts as empty.
   */
  storedAsText: boolean;
}

/** What the segment compiler needs to know of the loaded data. */
export interface SegmentSchema {
  customers: ColumnInfo[];
  orders: ColumnInfo[];
  /** `YYYY-MM-DD`: every relative date counts back from it. */
  analysisDate: string;
}

/** The kind of a DuckDB type name (`DECIMAL(18,3)`, `TIMESTAMP`, `VARCHAR`…). */
export function kindOfType(type: string): ColumnKind {
  if (/^(DATE|TIMESTAMP)/i.test(type)) return 'date';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL|REAL)/i.test(type))
    return 'number';
  return 'text';
}

export function findColumn(columns: readonly ColumnInfo[], name: string): ColumnInfo | undefined {
  return columns.find((c) => c.name === name) ?? columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
}
