import { openAsBlob } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hasUtf8Bom, isGzip } from '../lib/bytes.ts';
import type { RegisteredFile } from '../lib/import/run-import.ts';
import { readHead } from '../lib/preview/read-head.ts';
import type { FileImport } from '../lib/spec/import.ts';
import { prepareFile } from '../../workers/file-bytes.ts';
import type { InputFile } from './input-file.ts';
import { UserError } from './user-error.ts';

/**
 * Where DuckDB should read a file from. Parquet, and UTF-8 text DuckDB reads as it is (gzip too, by
 * its `.gz` name), are read in place. Anything else is rewritten by the worker's own code (gunzip,
 * drop the BOM, transcode to UTF-8, whitespace to tabs) into `scratch`, so both read the same text.
 */
export async function registerInput(input: InputFile, file: FileImport, scratch: string): Promise<RegisteredFile> {
  if (input.format === 'parquet') return { path: input.path, format: 'parquet' };
  const delimiter = file.parse.delimiter === 'whitespace' ? '\t' : file.parse.delimiter;
  const blob = await openAsBlob(input.path);
  const gzip = isGzip(new Uint8Array(await blob.slice(0, 2).arrayBuffer()));
  const asIs =
    file.parse.encoding === 'utf-8' &&
    file.parse.delimiter !== 'whitespace' &&
    gzip === /\.gz$/i.test(input.name) &&
    !hasUtf8Bom(await readHead(blob, 3));
  if (asIs) return { path: input.path, delimiter };

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
  if (prepared.kind === 'handle') return { path: input.path, delimiter };
  const copy = path.join(scratch, `${file.kind}-${input.name.replace(/[^\w.-]+/g, '_').replace(/\.gz$/i, '')}`);
  await writeFile(copy, prepared.bytes);
  return { path: copy, delimiter };
}
