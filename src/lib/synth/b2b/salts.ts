/** Sub-stream labels for Rng in the B2B generator, apart from the retail ones (../salts.ts). */
export const B2B_SALT = {
  account: 101,
  billing: 102,
  /** Names, e-mail addresses and phone numbers of the accounts' contacts. */
  contacts: 103,
  /** Whether a contact agreed to marketing e-mail. */
  consent: 104,
} as const;
