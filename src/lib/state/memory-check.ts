import type { EngineStatus } from '../../../workers/db-api.ts';
import { largeFileCommand } from '../cli-command.ts';
import { formatMemory, memoryFit, sampleShape, type FileShape } from '../import/memory-estimate.ts';
import { decodeHead } from '../preview/read-head.ts';
import type { ChosenFile } from './chosen-file.ts';

/** Each chosen file's shape, from its size and the rows at its start. */
export function fileShapes(files: readonly ChosenFile[]): FileShape[] {
  return files.map((f) =>
    sampleShape(decodeHead(f.head, f.inspection.mapping.parse.encoding), f.bytes, f.inspection.mapping.columns.length),
  );
}

/**
 * What the page says before loading files that will not fit as usual: the figures, what a compact
 * load needs when that fits (null when it does not either), and the command to run instead. Such
 * files are loaded compactly (src/lib/sql/storage.ts), their best chance.
 */
export interface MemoryWarning {
  needed: string;
  limit: string;
  compact: string | null;
  command: string;
}

/** The check before loading: null while the files fit, or the engine's limit is not known yet. */
export function memoryCheck(files: readonly ChosenFile[], engine: EngineStatus): MemoryWarning | null {
  const fit = memoryFit(fileShapes(files), engine.state === 'ready' ? engine.memoryLimit : null);
  if (!fit || fit.fits) return null;
  return {
    needed: formatMemory(fit.neededBytes),
    limit: formatMemory(fit.limitBytes),
    compact: fit.fitsCompactly ? formatMemory(fit.compactBytes) : null,
    command: largeFileCommand(files.map((f) => ({ name: f.file.name, kind: f.inspection.mapping.kind }))),
  };
}
