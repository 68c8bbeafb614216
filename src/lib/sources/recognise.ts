import { NO_SUGGESTION, type SuggestedSettings } from '../mapping/guess-notes.ts';
import {
  CONTACT_ROLES,
  defaultIdCleanup,
  standardCleaning,
  type FileImport,
  type FileKind,
  type ImportSpec,
  type KeepOnlyRule,
  type Role,
} from '../spec/import.ts';
import type { SourcePreset } from './preset.ts';
import { PRESETS, findPreset } from './presets.ts';

const key = (name: string) => name.trim().toLowerCase();

/** The file's own spelling of a column a preset names, if the file has it. */
export function headerNamed(headers: readonly string[], name: string): string | undefined {
  return headers.find((h) => key(h) === key(name));
}

/**
 * The known export a header is, or null: the preset all of whose signature columns are in it
 * (the one with the longest signature when several are). With `kind`, only presets of that kind.
 */
export function recognise(headers: readonly string[], kind?: FileKind): SourcePreset | null {
  const present = new Set(headers.map(key));
  let best: SourcePreset | null = null;
  for (const preset of PRESETS) {
    if (kind && preset.kind !== kind) continue;
    if (!preset.signature.every((name) => present.has(key(name)))) continue;
    if (!best || preset.signature.length > best.signature.length) best = preset;
  }
  return best;
}

/**
 * A file's mapping as the preset reads it: its kind, the preset's roles on the columns it names,
 * and every other column an attribute (columns blank in the preview stay ignored, contact fields keep their guessed roles).
 */
export function presetMapping(mapping: FileImport, preset: SourcePreset): FileImport {
  const headers = mapping.columns.map((c) => c.name);
  const roles = new Map<string, Role>();
  for (const [name, role] of Object.entries(preset.roles)) {
    const column = headerNamed(headers, name);
    // The first column a preset names for a role takes it (WooCommerce Analytics names two amounts).
    if (column && ![...roles.values()].includes(role)) roles.set(column, role);
  }
  // Contact roles the guess gave stay (presets name what the analysis needs, not who to write to).
  const kept = (role: Role): Role => (role === 'ignore' || (CONTACT_ROLES as readonly Role[]).includes(role) ? role : 'attribute');
  const taken = new Set(roles.values());
  const columns = mapping.columns.map((c) => ({ ...c, role: roles.get(c.name) ?? (taken.has(c.role) ? 'attribute' : kept(c.role)) }));
  const parse = preset.dateFormat ? { ...mapping.parse, dateFormat: preset.dateFormat } : mapping.parse;
  return { ...mapping, kind: preset.kind, parse, columns, source: preset.id };
}

/** Rules once each: two exports of the same tool (January's and February's) bring the same rules. */
function distinct(rules: KeepOnlyRule[]): KeepOnlyRule[] {
  const seen = new Set<string>();
  return rules.filter((r) => {
    const key = JSON.stringify([r.column, r.values]);
    return !seen.has(key) && seen.add(key);
  });
}

/** The import settings recognised files call for, over the defaults (Standard cleaning, ids trimmed). */
export type SourceSettings = Pick<ImportSpec, 'amountLevel' | 'cleaning' | 'ids'>;

/**
 * The settings for these files: the defaults, with each recognised file's preset on top, its
 * column names spelled as that file spells them. Keep-only rules add up (each applies to the files
 * that have its column); for anything else a later file's preset wins.
 */
export function sourceSettings(files: readonly FileImport[], start: SourceSettings = settingsFrom(NO_SUGGESTION)): SourceSettings {
  const settings: SourceSettings = structuredClone(start);
  for (const file of files) {
    const preset = findPreset(file.source);
    if (!preset) continue;
    const headers = file.columns.map((c) => c.name);
    const named = (name: string | null | undefined) => (name ? (headerNamed(headers, name) ?? name) : name);
    if (preset.amountLevel) settings.amountLevel = preset.amountLevel;
    const given = preset.cleaning ?? {};
    const cleaning = settings.cleaning;
    settings.cleaning = {
      ...cleaning,
      ...given,
      cancelled: {
        ...cleaning.cancelled,
        ...given.cancelled,
        filledColumn: named(given.cancelled?.filledColumn ?? cleaning.cancelled.filledColumn),
      },
      keepOnly: distinct([
        ...(cleaning.keepOnly ?? []),
        ...(given.keepOnly ?? []).map((k) => ({ column: named(k.column)!, values: [...k.values] })),
      ]),
      refundColumn: named(given.refundColumn ?? cleaning.refundColumn),
    };
    settings.ids = { ...settings.ids, ...preset.ids, fallbackColumn: named(preset.ids?.fallbackColumn ?? settings.ids.fallbackColumn) };
  }
  return settings;
}

/** The settings the files' values suggest (amount level, e-mail ids), before any recognised source. */
export function settingsFrom(suggested: SuggestedSettings): SourceSettings {
  const ids = defaultIdCleanup();
  return {
    amountLevel: suggested.amountLevel,
    cleaning: standardCleaning(),
    ids: suggested.lowerCaseIds ? { ...ids, trim: true, lowerCase: true } : ids,
  };
}
