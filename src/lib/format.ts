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

/** `62.3 %` of a whole; `–` when the whole is zero. */
export function formatShare(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : '–';
}
