/** The target shares of the data's imperfections and shapes, in one place. */

/** Customers in the customers file who never buy. */
export const NEVER_BUYS = 0.05;
/** Distinct transaction customer ids missing from the customers file. */
export const GHOST_SHARE = 0.01;
/** Buyers already customers before the period (keeps the active base steady from day one). */
export const EXISTING = 0.3;
/** Buyers who only ever meant to buy once (more end up buying once by churning early). */
export const ONE_TIME = 0.3;
/** Invoices without a customer id (guest checkouts); never a customer's first invoice. */
export const MISSING_ID = 0.03;
/** Invoices cancelled (id prefixed `C`, status `cancelled`). */
export const CANCELLED = 0.015;
/** Lines of completed invoices that are returns (negative quantity, status `returned`). */
export const RETURNED = 0.02;
/** Lines written twice in a row (an exact duplicate). */
export const DUPLICATE = 0.003;
/** Lines given away at price zero. */
export const ZERO_PRICE = 0.002;
/** Invoice sizes: share of invoices with 1, 2, 3, 4, 5 lines. */
export const LINE_COUNTS = [0.36, 0.25, 0.17, 0.12, 0.1] as const;
