/** An exact decimal's text without trailing fractional zeros: `8911407.904000` → `8911407.904`. */
export function trimDecimal(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
