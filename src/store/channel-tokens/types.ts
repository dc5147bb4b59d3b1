/**
 * @module
 * Platform tokens that rotate (Zalo's OAuth v4: every refresh returns a new single-use
 * refresh token and invalidates the old access token). The rotated pair must outlive the
 * process, or the next start would present a dead refresh token and the OA would need
 * authorising again.
 */
export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires (ISO); null when unknown (the pair from the environment). */
  expiresAt: string | null;
  /**
   * A fingerprint of the configured pair this one descends from: when the operator sets a
   * new pair (the OA authorised again), it no longer matches and the configured pair wins.
   */
  seed: string;
  updatedAt: string;
}

export interface ChannelTokenStore {
  read(name: string): Promise<StoredTokens | null>;
  /** Stores the pair; resolves once it is committed, or queued behind a lock. */
  write(name: string, tokens: StoredTokens): Promise<void>;
}
