/**
 * @module
 * Staff accounts, their API tokens and the workspace settings. Passwords arrive here
 * already hashed (scrypt) and tokens as SHA-256 digests: nothing secret is stored in clear.
 */
import type { AuditRecord } from '../audit/types.ts';

export type Role = 'admin' | 'editor' | 'reviewer' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'editor', 'reviewer', 'viewer'];

export interface StaffUser {
  id: string;
  username: string;
  role: Role;
  disabled: boolean;
  /** Bumped on logout, password or role change, disabling: every session signed with an older one ends. */
  sessionVersion: number;
  createdAt: string;
  updatedAt: string;
}

export interface StaffToken {
  id: string;
  userId: string;
  username: string;
  name: string;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface UserChange {
  role?: Role;
  disabled?: boolean;
  passwordHash?: string;
  /** Ends the user's sessions. */
  endSessions?: boolean;
  at: string;
}

/** A username or a token that already exists. */
export class StaffConflictError extends Error {}

export interface StaffStore {
  countUsers(): Promise<number>;
  getUser(id: string): Promise<StaffUser | null>;
  /** With the password hash, for logging in. */
  findUser(username: string): Promise<(StaffUser & { passwordHash: string }) | null>;
  listUsers(): Promise<StaffUser[]>;
  createUser(user: { id: string; username: string; role: Role; passwordHash: string; at: string }, audit: AuditRecord | null): Promise<void>;
  updateUser(id: string, change: UserChange, audit: AuditRecord | null): Promise<void>;

  createToken(token: { id: string; userId: string; name: string; tokenHash: string; createdBy: string; at: string }, audit: AuditRecord): Promise<void>;
  /** The live (not revoked) token with this digest, and its user. */
  findToken(tokenHash: string): Promise<{ token: StaffToken; user: StaffUser } | null>;
  listTokens(): Promise<StaffToken[]>;
  revokeToken(id: string, at: string, audit: AuditRecord): Promise<boolean>;
  /** Records a use; written in the background, at most once an hour per token. */
  touchToken(id: string, at: string): Promise<void>;

  settings(): Promise<Record<string, string>>;
  saveSettings(values: Record<string, string>, by: string, at: string, audit: AuditRecord): Promise<void>;
}
