/**
 * Where a load keeps its tables. By default in DuckDB's own in-memory database (`memory`), as
 * they are read. A compact load, for files whose tables would not fit in the browser's memory,
 * keeps them in a compressed in-memory database instead: they take about a seventh of the space,
 * and reading and typing them is slower (README: "Memory before loading").
 */
export const COMPACT_CATALOG = 'compact';

/**
 * A compact load reads each file in parts of about this size, one after another, so that the engine
 * holds only one part as text at a time: the compressed database compresses a table as each
 * statement that writes it ends, and a whole file read at once would be held as text first.
 */
export const COMPACT_PART_BYTES = 64 * 2 ** 20;

/** Makes the compressed database the one unqualified names refer to (the import's and the analysis's tables). */
export const COMPACT_STORAGE_SQL = `ATTACH IF NOT EXISTS ':memory:' AS ${COMPACT_CATALOG} (COMPRESS); USE ${COMPACT_CATALOG}`;

/** Back to DuckDB's own database, the compressed one and all in it dropped. */
export const DEFAULT_STORAGE_SQL = `USE memory; DETACH DATABASE IF EXISTS ${COMPACT_CATALOG}`;
