/**
 * Sub-stream labels for Rng: each purpose draws from its own stream, so a change to one part of the
 * generator leaves the others' numbers as they were.
 */
export const SALT = {
  profile: 1,
  count: 2,
  times: 3,
  invoices: 4,
  lines: 5,
  /** Names, e-mail addresses and phone numbers of the customers file (retail-v2). */
  contacts: 6,
} as const;
