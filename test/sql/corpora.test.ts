/**
 * Every file of ../shared/corpora (DuckDB's CSV reader tests, csv-spectrum, papaparse's cases),
 * material nobody here wrote, through the import's own preparation and raw read on the browser's
 * engine (duckdb-wasm, one locked instance): the page's encoding, delimiter and header guesses
 * (inspectFile), the worker's gunzip and transcoding plus the independent record count
 * (prepareCounted), then readRaw, the stage runImport reads files with, and its structural
 * rejects. Each file must account for every counted record (rows read + records rejected =
 * counted) or end in one of the named outcomes below, each checked for what it claims.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WorkbenchError } from '../../src/lib/errors.ts';
import { readRaw } from '../../src/lib/import/run-import.ts';
import { inspectFile } from '../../src/lib/preview/inspect.ts';
import { headIsWhole, isSpreadsheet, readHead, unreadableFileReason } from '../../src/lib/preview/read-head.ts';
import type { FileImport } from '../../src/lib/spec/import.ts';
import { rawReadSql, structuralRejectsSql } from '../../src/lib/sql/read-csv.ts';
import { prepareCounted } from '../../workers/file-bytes.ts';
import { openEngine, type TestEngine } from './engine.ts';
import { SHARED } from './shared-data.ts';

const CORPORA = path.join(SHARED, 'corpora');
const hasCorpora = existsSync(path.join(CORPORA, 'duckdb-csv', 'CATEGORIES.tsv'));

/** How a file may end, and why that is right. Anything else fails the suite. */
const OUTCOMES = {
  accounted: 'every record counted in the file is read or rejected, one for one',
  'reader double count':
    'DuckDB 1.4.3 logs a line with two malformed quoted fields as rejected and still makes a row of its tail, so the reader returns more than the file holds; the report shows the surplus loudly',
  'no records': 'a header and nothing else (or only blank lines): the import refuses it, as DuckDB reads nothing from it either',
  'mixed line ends':
    "line ends of several kinds outside quotes, or a quoted first one of another kind: DuckDB's strict reader takes the first for every line and fails, or merges records silently; refused with the kinds named",
  'malformed header': 'text after a closing quote in the header makes DuckDB read nothing, silently: refused with the reason',
  'compressed format': 'zstd and other compressions but gzip: refused when the file is chosen',
  'empty file': 'no byte at all: refused when the file is chosen',
  'no columns': 'no complete line in the first 64 KiB (or only an empty quoted value): refused when the file is chosen',
  'invalid encoding': 'not decodable in the encoding the page guessed: refused, asking for the encoding',
  spreadsheet:
    'a workbook, not text: an .xlsx is read as its first sheet (test/sql/format-fixtures.test.ts), others refused with "save it as CSV or .xlsx"',
} as const;
type Outcome = keyof typeof OUTCOMES;

/**
 * Where a corpus's own expectation disagrees with its input, the input is what is read. Each entry
 * names the value the reference has and the value the input file itself holds (checked below).
 */
const REFERENCE_ERRATA: Record<string, { column: string; reference: string; input: string; why: string }> = {
  'csv-spectrum/csvs/location_coordinates.csv': {
    column: 'Contact Phone Number',
    reference: '1234567890',
    input: '2095257564',
    why: 'csv-spectrum ships this JSON as one object with another phone number than its CSV holds',
  },
};

interface CorpusFile {
  /** Path under corpora/. */
  name: string;
  /** csv-spectrum's expected records, keyed by column name. */
  expected?: Record<string, string>[];
}

function corpusFiles(): CorpusFile[] {
  const files: CorpusFile[] = [];
  const tsv = (relative: string) =>
    readFileSync(path.join(CORPORA, relative), 'utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l !== '')
      .map((l) => l.split('\t'));
  for (const [file] of tsv('duckdb-csv/CATEGORIES.tsv')) files.push({ name: `duckdb-csv/${file}` });
  for (const file of readdirSync(path.join(CORPORA, 'csv-spectrum/csvs')).sort()) {
    const json = path.join(CORPORA, 'csv-spectrum/json', file.replace(/\.csv$/, '.json'));
    const name = `csv-spectrum/csvs/${file}`;
    const parsed: unknown = JSON.parse(readFileSync(json, 'utf8'));
    const expected = (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, string>[];
    const erratum = REFERENCE_ERRATA[name];
    if (erratum) {
      expect(readFileSync(path.join(CORPORA, name), 'utf8')).toContain(erratum.input);
      for (const record of expected) if (record[erratum.column] === erratum.reference) record[erratum.column] = erratum.input;
    }
    files.push({ name, expected });
  }
  for (const file of readdirSync(path.join(CORPORA, 'papaparse/files')).sort()) files.push({ name: `papaparse/files/${file}` });
  for (const row of tsv('papaparse/extracted_cases/CASE_INDEX.tsv')) files.push({ name: `papaparse/extracted_cases/${row[2]}` });
  return files;
}

interface Result {
  outcome: Outcome;
  counted?: number;
  rows?: number;
  rejected?: number;
  /** Loaded records as text, in file order (csv-spectrum only). */
  values?: string[][];
  columns?: string[];
}

let db: TestEngine;
let serial = 0;
const tally = new Map<Outcome, number>();
/** What DuckDB does with the files refused for mixed line ends, when made to read them: the refusal is a policy. */
const mixedAnyway = new Map<'fails' | 'misreads' | 'reads', number>();
const started = performance.now();

/** The raw read straight from SQL, without readRaw's refusals: what DuckDB would make of the file. */
async function readAnyway(table: string, mapping: FileImport, path: string, skip: number) {
  const delimiter = mapping.parse.delimiter === 'whitespace' ? '\t' : mapping.parse.delimiter;
  try {
    await db.exec(rawReadSql({ path, table, columns: mapping.columns.map((c) => c.name), delimiter, header: mapping.parse.header, skip }));
    return rowsAndRejects(table);
  } catch {
    return null;
  }
}

async function rowsAndRejects(table: string) {
  const rows = Number((await db.rows(`SELECT count(*) AS n FROM ${table}`))[0].n);
  // Lines DuckDB logged with two malformed quoted fields (see 'reader double count').
  const [twice] = await db.rows(
    `SELECT count(*) AS n FROM (SELECT line FROM ${table}_rejects WHERE error_type = 'UNQUOTED VALUE' GROUP BY line HAVING count(*) >= 2)`,
  );
  return { rows, rejected: (await db.rows(structuralRejectsSql(table))).length, twiceMalformed: Number(twice.n) };
}

/** The import's path for one file, as the page takes it. */
async function importStage(file: CorpusFile): Promise<Result> {
  const name = path.basename(file.name);
  const bytes = new Uint8Array(readFileSync(path.join(CORPORA, file.name)));
  const head = await readHead(new Blob([bytes]));
  if (isSpreadsheet(name, head)) return { outcome: 'spreadsheet' };
  const { mapping } = inspectFile(name, head, headIsWhole(name, bytes.length));
  const unreadable = unreadableFileReason(name, head, mapping.columns.length);
  if (unreadable) {
    const outcome = /is compressed with/.test(unreadable) ? 'compressed format' : /is empty/.test(unreadable) ? 'empty file' : 'no columns';
    if (outcome === 'empty file') expect(bytes.length).toBe(0);
    if (outcome === 'no columns') expect(mapping.columns).toEqual([]);
    return { outcome };
  }

  let prepared;
  try {
    prepared = await prepareCounted(new File([bytes], name), mapping, () => {});
  } catch (e) {
    // The worker turns this TypeError (a fatal decoder) into its "choose the encoding" message.
    if (e instanceof TypeError) return { outcome: 'invalid encoding' };
    throw e;
  }
  const { count } = prepared;
  const uploaded = `uploads/corpus/${++serial}.csv`;
  db.register(uploaded, prepared.prepared.kind === 'handle' ? bytes : prepared.prepared.bytes);
  const delimiter = mapping.parse.delimiter === 'whitespace' ? '\t' : mapping.parse.delimiter;
  const table = 'raw_0';

  try {
    await readRaw(db, table, mapping, { path: uploaded, delimiter, count });
  } catch (e) {
    if (!(e instanceof WorkbenchError)) throw e;
    const outcome: Outcome | null = /has no records/.test(e.message)
      ? 'no records'
      : /end in different ways|first line end is inside/.test(e.message)
        ? 'mixed line ends'
        : /header has text after a closing quote/.test(e.message)
          ? 'malformed header'
          : null;
    if (!outcome) throw e;
    // Each refusal is checked against what DuckDB does with the file when it is read anyway.
    const anyway = await readAnyway(table, mapping, uploaded, count.blankLinesBeforeHeader);
    const misread = anyway !== null && anyway.rows + anyway.rejected !== count.records;
    if (outcome === 'no records') expect(anyway && anyway.rows + anyway.rejected, 'DuckDB reads nothing either').toBe(0);
    if (outcome === 'malformed header') expect(anyway && anyway.rows + anyway.rejected, 'DuckDB reads nothing').toBe(0);
    if (outcome === 'mixed line ends') {
      const what = anyway === null ? 'fails' : misread ? 'misreads' : 'reads';
      mixedAnyway.set(what, (mixedAnyway.get(what) ?? 0) + 1);
    }
    return { outcome, counted: count.records };
  }

  const read = await rowsAndRejects(table);
  const result: Result = { outcome: 'accounted', counted: count.records, rows: read.rows, rejected: read.rejected };
  if (file.expected) {
    const columns = mapping.columns.map((c) => c.name);
    const rows = await db.rows(`SELECT * FROM ${table}`);
    result.columns = columns;
    result.values = rows.map((r) => columns.map((c) => (r[c] == null ? '' : String(r[c]))));
  }
  const surplus = read.rows + read.rejected - count.records;
  if (surplus > 0) {
    // Only the known DuckDB fault may explain a surplus: lines logged with two malformed quoted fields.
    expect(surplus, 'a surplus not explained by lines with two malformed quoted fields').toBeLessThanOrEqual(read.twiceMalformed);
    result.outcome = 'reader double count';
  }
  return result;
}

describe.skipIf(!hasCorpora)('corpora: every record accounted for, or a named refusal', () => {
  beforeAll(async () => {
    db = await openEngine();
  });

  afterAll(() => {
    if (tally.size === 0) return;
    const lines = [...tally]
      .sort((a, b) => b[1] - a[1])
      .map(([outcome, n]) => `  ${String(n).padStart(5)}  ${outcome}: ${OUTCOMES[outcome]}`);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const files = [...tally.values()].reduce((a, b) => a + b, 0);
    const mixed = [...mixedAnyway].map(([what, n]) => `${what}: ${n}`).join(', ');
    console.log(`corpus suite: ${files} files in ${seconds} s\n${lines.join('\n')}\n  (mixed line ends read anyway: DuckDB ${mixed})`);
    db.close();
  });

  // One test per corpus, run file by file on one engine: a failure names the file.
  for (const corpus of ['duckdb-csv', 'csv-spectrum', 'papaparse'] as const) {
    test(`${corpus}`, { timeout: 240_000 }, async () => {
      const files = corpusFiles().filter((f) => f.name.startsWith(corpus + '/'));
      expect(files.length).toBeGreaterThan(0);
      const failures: string[] = [];
      for (const file of files) {
        let result: Result;
        try {
          result = await importStage(file);
        } catch (e) {
          failures.push(`${file.name}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
          continue;
        }
        tally.set(result.outcome, (tally.get(result.outcome) ?? 0) + 1);
        if (result.outcome === 'accounted') {
          if (result.rows! + result.rejected! !== result.counted) {
            failures.push(`${file.name}: ${result.rows} read + ${result.rejected} rejected, ${result.counted} counted`);
          }
          // Never nothing without a reason: a file with records yields rows or rejects.
          if (result.rows === 0 && result.rejected === 0) failures.push(`${file.name}: 0 rows and no error`);
        }
        if (file.expected) {
          // csv-spectrum: exactly the expected records, value for value.
          const expected = file.expected.map((record) => result.columns?.map((c) => record[c]));
          if (result.outcome !== 'accounted' || result.rejected !== 0 || JSON.stringify(result.values) !== JSON.stringify(expected)) {
            failures.push(`${file.name}: ${result.outcome}, ${JSON.stringify(result.values)} instead of ${JSON.stringify(expected)}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }
});

test.skipIf(hasCorpora)('corpora: skipped, ../shared/corpora is absent', () => {
  console.log(`corpus suite skipped: ${CORPORA} is absent (it sits beside the project root on developer machines and in CI)`);
});
