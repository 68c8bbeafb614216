import { openAsBlob } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { blobChunks, gunzip, hasUtf8Bom, isGzip } from '../lib/bytes.ts';
import { countRecords, recordDialect, type RecordCount } from '../lib/import/record-count.ts';
import type { RegisteredFile } from '../lib/import/run-import.ts';
import { readHead } from '../lib/preview/read-head.ts';
import type { FileImport } from '../lib/spec/import.ts';
import { countStreamRecords, prepareFile } from '../../workers/file-bytes.ts';
import type { InputFile } from './input-file.ts';
import { UserError } from './user-error.ts';

/**
 * Where DuckDB should read a file from. Parquet, and UTF-8 text DuckDB reads as it is (gzip too, by
 * its `.gz` name), are read in place. Anything else is rewritten by the worker's own code (gunzip,
 * drop the BOM, transcode to UTF-8, whitespace to tabs) into `scratch`, so both read the same text.
 * Either way the records are counted once over the text DuckDB reads, as the worker counts them.
 */
export async function registerInput(input: InputFile, file: FileImport, scratch: string): Promise<RegisteredFile> {
  if (input.format === 'parquet') return { path: input.path, format: 'parquet' };
  const dialect = recordDialect(file);
  const delimiter = dialect.delimiter;
  const blob = await openAsBlob(input.path);
  const gzip = isGzip(new Uint8Array(await blob.slice(0, 2).arrayBuffer()));
  const countInPlace = () => countFileRecords(input.path, file);
  const asIs =
    file.parse.encoding === 'utf-8' &&
    file.parse.delimiter !== 'whitespace' &&
    gzip === /\.gz$/i.test(input.name) &&
    !hasUtf8Bom(await readHead(blob, 3));
  if (asIs) return { path: input.path, delimiter, count: await countInPlace() };

  let prepared;
  try {
    prepared = await prepareFile(new File([blob], input.name), file.parse, () => {});
  } catch (e) {
    if (e instanceof TypeError) {
      throw new UserError(
        `${input.name} could not be decoded as ${file.parse.encoding}: set "import.${file.kind}.parse.encoding" in a spec file (often "windows-1252").`,
      );
    }
    throw e;
  }
  if (prepared.kind === 'handle') return { path: input.path, delimiter, count: await countInPlace() };
  const copy = path.join(scratch, `${file.kind}-${input.name.replace(/[^\w.-]+/g, '_').replace(/\.gz$/i, '')}`);
  await writeFile(copy, prepared.bytes);
  return { path: copy, delimiter, count: countRecords(prepared.bytes, dialect) };
}

/** The records of a UTF-8 file (gzip or not) that DuckDB reads in place, counted as the worker counts them. */
export async function countFileRecords(filePath: string, file: FileImport): Promise<RecordCount> {
  const blob = await openAsBlob(filePath);
  const gzip = isGzip(new Uint8Array(await blob.slice(0, 2).arrayBuffer()));
  return countStreamRecords(gzip ? gunzip(blob.stream()) : blobChunks(blob), recordDialect(file));
}
