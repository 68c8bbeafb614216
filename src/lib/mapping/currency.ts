// ISO 4217 codes seen in shop, payment and CRM exports; enough to tell `EUR` from a country code.
const CODES = new Set(
  (
    'USD EUR GBP JPY CNY CHF CAD AUD NZD SEK NOK DKK ISK PLN CZK HUF RON BGN HRK RSD TRY RUB UAH ' +
    'INR PKR BDT LKR IDR MYR SGD HKD TWD KRW THB VND PHP AED SAR QAR KWD BHD OMR ILS EGP MAD NGN ' +
    'KES GHS ZAR BRL MXN ARS CLP COP PEN UYU'
  ).split(' '),
);

// Currency signs written with letters, which `\p{Sc}` does not cover.
const LETTER_SIGNS = new Set(['kr', 'zł', 'kč', 'ft', 'lei', 'fr', 'fr.', 'rs', 'rs.', 'rp', 'rm']);

/** True for a known three-letter ISO 4217 code, in any case (`usd` is how Stripe writes it). */
export function isCurrencyCode(text: string): boolean {
  return /^[a-z]{3}$/i.test(text) && CODES.has(text.toUpperCase());
}

/** True for text that may stand next to a number as its currency: `$`, `US$`, `€`, `EUR`, `kr`. */
export function isCurrencyAffix(text: string): boolean {
  if (isCurrencyCode(text)) return true;
  if (LETTER_SIGNS.has(text.toLowerCase())) return true;
  return text.length <= 4 && /\p{Sc}/u.test(text) && /^[\p{Sc}A-Za-z]+$/u.test(text);
}
