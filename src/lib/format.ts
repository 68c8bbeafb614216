/** `3.1 MB`: download sizes as people read them. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

const integer = new Intl.NumberFormat('en-US');

/** `541,909` */
export function formatCount(n: number): string {
  return integer.format(n);
}

/** An exact decimal text with thousands separators, digits unchanged: `8,911,407.904`. */
export function formatDecimalText(text: string): string {
  const [whole, fraction] = text.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + digits + (fraction ? `.${fraction}` : '');
}

/**
 * An exact amount as the page shows money: the decimal text's digits, trailing zeros trimmed to two
 * places at least, with thousands separators: `6562.400` → `6,562.40`, `0.005000` → `0.005`, `20` → `20.00`.
 */
export function formatAmount(text: string): string {
  const [whole, fraction = ''] = text.split('.');
  const digits = fraction.replace(/0+$/, '').padEnd(2, '0');
  return formatDecimalText(`${whole}.${digits}`);
}

/**
 * A value computed as a double (an average) for display: two places, half away from zero, computed
 * as DuckDB's `round(x, 2)` computes it (so the page shows what the export writes).
 */
export function formatRounded(n: number): string {
  return formatDecimalText(((Math.sign(n) * Math.round(Math.abs(n) * 100)) / 100).toFixed(2));
}

const percent = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** A share (0–1) as `74.6 %`, at most one decimal: `0.2` → `20 %`. */
export function formatPercent(share: number): string {
  return `${percent.format(100 * share)} %`;
}

/** A part of a whole as a percentage; `–` when the whole is zero. */
export function formatShare(part: number, whole: number): string {
  return whole > 0 ? formatPercent(part / whole) : '–';
}

/** A name as a file-name part: `Café Clients, Q3` → `cafe-clients-q3`; empty when nothing is left. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
