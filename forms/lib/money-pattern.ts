/** The shape of money in 万元, apart from the arithmetic (./money.ts), so a check of the shape loads no decimal library. */

/** Non-negative money in 万元, at most 12 integer digits and 2 decimals. */
export const MONEY_PATTERN = '^(0|[1-9]\\d{0,11})(\\.\\d{1,2})?$';

/** Signed money, for differences such as 核减额 that may be negative. */
export const SIGNED_MONEY_PATTERN = '^-?(0|[1-9]\\d{0,11})(\\.\\d{1,2})?$';
