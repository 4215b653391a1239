/**
 * The keys the platform's own identity signs and verifies tokens with. Locally one fixed secret; in the cloud the
 * Secrets Manager secret, whose scheduled rotation (functions/entry/rotate-signing-key.ts) makes a new version
 * AWSCURRENT and keeps the one before as AWSPREVIOUS. Tokens carry the key's version id (`kid`); a token signed
 * with the current or the previous version verifies, so a rotation never signs anyone out: the previous key
 * stays accepted until the next rotation, far longer than a token lives (8 hours).
 */
export interface SigningKeyring {
  /** The key new tokens are signed with; `kid` is absent for a fixed local secret. */
  current(): Promise<{ kid?: string; key: Uint8Array }>;
  /** The keys a token with this `kid` may be verified with (none: the token is refused). */
  candidates(kid: string | undefined): Promise<Uint8Array[]>;
}

const MIN_BYTES = 32;
/** Secrets Manager version ids are UUIDs: any other `kid` is refused without asking the secret store. */
const VERSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const encode = (s: string) => new TextEncoder().encode(s);

/** One fixed secret (local mode, tests): tokens carry no `kid`. */
export function fixedKeyring(secret: Uint8Array): SigningKeyring {
  if (secret.length < MIN_BYTES)
    throw new Error('JWT_SECRET must be set to at least 32 bytes in local auth mode (AUTH_MODE=local)');
  return {
    current: async () => ({ key: secret }),
    candidates: async (kid) => (kid === undefined ? [secret] : []),
  };
}

export interface KeyVersion {
  versionId: string;
  value: string;
}
/** Reads one staging label of the secret; null when no version carries it (no AWSPREVIOUS before a rotation). */
export type KeySource = (stage: 'AWSCURRENT' | 'AWSPREVIOUS') => Promise<KeyVersion | null>;

/**
 * The current and previous version of a rotated secret, read again every `refreshMs` (so a warm instance starts
 * signing with a new key soon after a rotation) and at once when a token names a version it does not know (signed
 * by an instance that already read the new key) — only for ids shaped like a version id and at most once per
 * `retryMs`, so made-up ids cannot flood the secret store.
 */
export function rotatingKeyring(
  source: KeySource,
  options: { now?: () => number; refreshMs?: number; retryMs?: number } = {},
): SigningKeyring {
  const now = options.now ?? Date.now;
  const refreshMs = options.refreshMs ?? 5 * 60_000;
  const retryMs = options.retryMs ?? 2_000;
  let state: { current: KeyVersion; previous: KeyVersion | null; at: number } | null = null;
  let loading: Promise<void> | null = null;

  const load = () => {
    loading ??= (async () => {
      try {
        const [current, previous] = await Promise.all([source('AWSCURRENT'), source('AWSPREVIOUS')]);
        if (!current || encode(current.value).length < MIN_BYTES)
          throw new Error('JWT signing secret is empty or short');
        state = { current, previous, at: now() };
      } finally {
        loading = null;
      }
    })();
    return loading;
  };
  const fresh = async (maxAge: number) => {
    if (!state) await load();
    else if (now() - state.at >= maxAge) await load().catch(() => undefined); // keep the keys we have
    return state as unknown as NonNullable<typeof state>;
  };
  const lookup = (s: NonNullable<typeof state>, kid: string) =>
    [s.current, s.previous].filter((v): v is KeyVersion => v?.versionId === kid).map((v) => encode(v.value));

  return {
    async current() {
      const s = await fresh(refreshMs);
      return { kid: s.current.versionId, key: encode(s.current.value) };
    },
    async candidates(kid) {
      // Tokens from before versions were named: the current key, then the previous one.
      if (kid === undefined) {
        const s = await fresh(refreshMs);
        return [s.current, s.previous].filter((v): v is KeyVersion => Boolean(v)).map((v) => encode(v.value));
      }
      const known = lookup(await fresh(refreshMs), kid);
      if (known.length || !VERSION_ID.test(kid)) return known;
      return lookup(await fresh(retryMs), kid);
    },
  };
}
