import type { AmountLevel, CleaningRules, DateFormat, FileKind, IdCleanup, KeepOnlyRule, Role } from '../spec/import.ts';

/**
 * A known export, as data: how to recognise its header and which settings of the general
 * mechanisms it needs. Nothing here reaches SQL but through those mechanisms (roles, cleaning
 * rules, id clean-up), so every choice a preset makes is one a person can see and change.
 * Column names are written as the tool writes them; they match the file's header ignoring case
 * and surrounding spaces.
 */
export interface SourcePreset {
  id: string;
  /** As the page says it: "Shopify orders export". */
  title: string;
  /** Where the tool documents the export (kept for the code and the fixtures; the page links nowhere). */
  docs: string;
  kind: FileKind;
  /** Columns that must all be in the header. The most specific match wins when several presets match. */
  signature: string[];
  /** Roles of named columns (those the file lacks are skipped); every other column is an attribute. */
  roles: Record<string, Role>;
  amountLevel?: AmountLevel;
  /** Cleaning settings over Standard; `cancelled` over Standard's too. */
  cleaning?: Partial<Omit<CleaningRules, 'cancelled'>> & { cancelled?: Partial<CleaningRules['cancelled']> };
  ids?: Partial<IdCleanup>;
  /** A date order the tool always writes (Etsy: month first), for when the values alone cannot tell. */
  dateFormat?: DateFormat;
  /** Values a kept column takes that the preset does not keep, to say what is excluded. */
  otherValues?: Record<string, string[]>;
  /** A known limit of the export, said with the recognition (PayPal's refunds). */
  note?: string;
}

export type { KeepOnlyRule };
