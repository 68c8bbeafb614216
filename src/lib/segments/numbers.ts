/** A number from a result cell (null counts as 0). */
export const num = (v: unknown): number => Number(v ?? 0);

/** A number from a result cell, or null. */
export const numOrNull = (v: unknown): number | null => (v == null ? null : Number(v));
