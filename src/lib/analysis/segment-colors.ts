/** A colour per segment position, distinguishable and stable across charts and the map editor. */
const PALETTE = [
  '#1b7837',
  '#5aae61',
  '#2166ac',
  '#67a9cf',
  '#a6dba0',
  '#fdb863',
  '#e08214',
  '#b2182b',
  '#762a83',
  '#8c8c8c',
  '#4d4d4d',
  '#c51b7d',
];

export function segmentColor(index: number): string {
  return PALETTE[index % PALETTE.length];
}
