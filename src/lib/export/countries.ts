/**
 * The default-country choices for phone numbers written without a country code: ISO 3166-1
 * alpha-2 codes with their English names, sorted by name.
 */
export function countryChoices(codes: readonly string[]): { code: string; name: string }[] {
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  return codes.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/** The region of the first browser language that names one (`en-GB` → `GB`), else null. */
export function localeCountry(languages: readonly string[]): string | null {
  for (const tag of languages) {
    try {
      const region = new Intl.Locale(tag).maximize().region;
      if (region && /^[A-Z]{2}$/.test(region)) return region;
    } catch {
      // Not a language tag: try the next.
    }
  }
  return null;
}
