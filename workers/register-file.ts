import * as duckdb from '@duckdb/duckdb-wasm';
import { WorkbenchError } from '../src/lib/errors.ts';
import type { RegisteredFile } from '../src/lib/import/run-import.ts';
import type { ImportSpec } from '../src/lib/spec/import.ts';
import { COMPACT_PART_BYTES } from '../src/lib/sql/storage.ts';
import type { ImportProgress } from './db-api.ts';
import { prepareCounted, prepareForImport } from './file-bytes.ts';

/**
 * Registers a file for the import, counted (record-count.ts) while DuckDB reads it or before; with
 * `inParts`, counted first and registered as parts cut between records, for a compact load.
 */
export async function register(
  db: duckdb.AsyncDuckDB,
  index: number,
  spec: ImportSpec,
  files: File[],
  onProgress: (p: ImportProgress) => void,
  inParts = false,
): Promise<Exclude<RegisteredFile, { reuseRaw: true }>> {
  const file = spec.files[index];
  const source = files[index];
  const path = `uploads/${index}-${file.name.replace(/[^\w.-]+/g, '_').replace(/\.gz$/i, '')}`;
  await db.dropFile(path).catch(() => undefined);
  const onBytes = (loadedBytes: number) => onProgress({ phase: 'reading', file: file.name, loadedBytes, totalBytes: source.size });
  let ready;
  try {
    ready = inParts ? await prepareCounted(source, file, onBytes, COMPACT_PART_BYTES) : await prepareForImport(source, file, onBytes);
  } catch (e) {
    if (e instanceof TypeError) {
      throw new WorkbenchError(
        'encoding',
        `${file.name} could not be decoded as ${file.parse.encoding}: choose its encoding (often windows-1252 for spreadsheet exports).`,
      );
    }
    throw e;
  }
  const { prepared } = ready;
  const delimiter = file.parse.delimiter === 'whitespace' ? '\t' : file.parse.delimiter;
  const registerPiece = async (at: string, piece: Blob | Uint8Array) => {
    if (piece instanceof Uint8Array) await db.registerFileBuffer(at, piece);
    else await db.registerFileHandle(at, piece, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  };
  const whole = prepared.kind === 'handle' ? prepared.file : prepared.bytes;
  if (!('count' in ready)) {
    await registerPiece(path, whole);
    return { path, delimiter, countLater: ready.countLater };
  }
  const cuts = ready.count.cuts ?? [];
  if (cuts.length === 0) {
    await registerPiece(path, whole);
    return { path, delimiter, count: ready.count };
  }
  // A part of a buffer is a copy: registering a buffer hands it over to DuckDB's worker.
  const ends = [...cuts.map((c) => c.byte), whole instanceof Uint8Array ? whole.length : whole.size];
  const piece = (from: number, to: number) => whole.slice(from, to);
  // Each part under a name never registered before: a first part registered under the file's own
  // name was read as the whole file in the browser (README: "Compact loads").
  const name = (k: number) => `${path}.${++partSerial}-${k}`;
  const first = name(0);
  await registerPiece(first, piece(0, ends[0]));
  const parts = [];
  for (const [k, cut] of cuts.entries()) {
    const part = name(k + 1);
    await registerPiece(part, piece(cut.byte, ends[k + 1]));
    parts.push({ path: part, linesBefore: cut.lines });
  }
  partFiles.push(first, ...parts.map((p) => p.path));
  return { path: first, delimiter, count: ready.count, parts };
}

/** Serial of the parts registered so far, for names never used before. */
let partSerial = 0;
/** The parts registered for the last compact load. */
const partFiles: string[] = [];

/** Drops the parts the last compact load registered: a load registering its files no longer needs them. */
export async function dropParts(db: duckdb.AsyncDuckDB): Promise<void> {
  for (const part of partFiles.splice(0)) await db.dropFile(part).catch(() => undefined);
}
