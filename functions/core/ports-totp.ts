/** Time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30 s), as every authenticator app reads them. */
export interface Totp {
  /** A new random secret (base32) and its otpauth:// URI for an authenticator app. */
  generate(account: string): { secret: string; uri: string };
  /** The time step `code` belongs to for `secret` at `nowMs` (one step of clock drift either way), or null. */
  match(secret: string, code: string, nowMs: number): number | null;
}
