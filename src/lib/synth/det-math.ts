/*
 * ln and exp from +, −, ×, ÷ only. ECMAScript leaves Math.log/exp "implementation-approximated":
 * they may differ in the last bit between engines, while IEEE basic operations never do, so the
 * generated files stay byte-identical everywhere.
 */

// ln 2 split Cody–Waite style: LN2_HI ends in zero bits, so k * LN2_HI is exact for |k| < 2^11.
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const TWO32 = 4294967296;

// 1/(2k+1) for the atanh series, k = 0..13.
const ATANH = Array.from({ length: 14 }, (_, k) => 1 / (2 * k + 1));
// 1/k! for k = 0..15.
const INV_FACT = Array.from({ length: 16 }, (_, k) => {
  let f = 1;
  for (let i = 2; i <= k; i++) f *= i;
  return 1 / f;
});

/** Natural logarithm, accurate to a few ulps. */
export function ln(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return Infinity;
  let e = 0;
  while (x >= TWO32) {
    x /= TWO32;
    e += 32;
  }
  while (x < 1 / TWO32) {
    x *= TWO32;
    e -= 32;
  }
  while (x > Math.SQRT2) {
    x /= 2;
    e++;
  }
  while (x < Math.SQRT1_2) {
    x *= 2;
    e--;
  }
  const s = (x - 1) / (x + 1);
  const s2 = s * s;
  let poly = ATANH[13];
  for (let k = 12; k >= 0; k--) poly = poly * s2 + ATANH[k];
  return e * LN2_HI + (e * LN2_LO + 2 * s * poly);
}

/** 2^k for an integer k, exactly (powers of two are representable). */
function pow2(k: number): number {
  let result = 1;
  let base = k < 0 ? 0.5 : 2;
  for (let n = Math.abs(k); n > 0; n >>= 1) {
    if (n & 1) result *= base;
    base *= base;
  }
  return result;
}

/** e^x, accurate to a few ulps. */
export function exp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.78) return Infinity;
  if (x < -745.2) return 0;
  const k = Math.round(x / (LN2_HI + LN2_LO));
  const r = x - k * LN2_HI - k * LN2_LO;
  let poly = INV_FACT[15];
  for (let i = 14; i >= 0; i--) poly = poly * r + INV_FACT[i];
  return k < -1000 ? poly * pow2(k + 100) * pow2(-100) : poly * pow2(k);
}
