/**
 * How a profile names what it compares. The profile's aov is each customer's revenue ÷ orders,
 * averaged over customers; the KPI table's AOV (revenue ÷ orders of the whole segment) is another
 * number, so each says which it is.
 */
export const PROFILE_AOV_TITLE = "aov (mean of customers' AOV)";

/** An attribute of orders counted over orders: the segment's orders against all orders. */
export const orderShareTitle = (column: string) => `${column} (share of orders)`;

/** An attribute of orders counted over customers, each by the value most of their orders have. */
export const orderModeTitle = (column: string) => `${column} (each customer's most frequent)`;
