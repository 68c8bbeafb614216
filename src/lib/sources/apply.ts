import type { Inspection } from '../preview/inspect.ts';
import type { FileImport, FileKind } from '../spec/import.ts';
import type { SourcePreset } from './preset.ts';
import { presetMapping, recognise } from './recognise.ts';

/** Reads the same file again under a changed mapping (the page's `reinspect`, the CLI's inspector). */
export type Reinspect = (mapping: FileImport, guess: 'all' | 'formats' | 'none') => Inspection;

/**
 * A file's inspection as the preset reads it: its roles and kind, the date and number formats
 * guessed again from the values of the columns it maps, and the date order the tool always
 * writes, when it has one (that settles dates the values leave ambiguous).
 */
export function inspectAs(inspection: Inspection, preset: SourcePreset, again: Reinspect): Inspection {
  const next = again(presetMapping(inspection.mapping, preset), 'formats');
  const mapping = { ...next.mapping, kind: preset.kind, source: preset.id };
  if (!preset.dateFormat) return { ...next, mapping };
  return { ...next, mapping: { ...mapping, parse: { ...mapping.parse, dateFormat: preset.dateFormat } }, dateChoices: [] };
}

/** The inspection of a file whose header is a known export, with the preset applied; else as it was. */
export function recogniseInspection(
  inspection: Inspection,
  again: Reinspect,
  kind?: FileKind,
): { inspection: Inspection; preset: SourcePreset | null } {
  const preset = recognise(inspection.preview.headers, kind);
  return preset ? { inspection: inspectAs(inspection, preset, again), preset } : { inspection, preset: null };
}
