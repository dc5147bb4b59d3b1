/**
 * @module
 * What the staff workspace's services share: the stores and the engine being served (both
 * may be absent while starting: 503), the clock, ids, the logger, password hashing, and
 * the audit record every change writes with it.
 */
import type { ReadyEngine } from '../app.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { AuditAction, AuditRecord } from '../store/audit/types.ts';
import type { WorkspaceStores } from '../store/workspace.ts';
import type { PasswordHasher } from './auth/passwords.ts';

export interface WorkspaceContext {
  stores(): WorkspaceStores;
  engine(): ReadyEngine;
  now(): Date;
  newId(): string;
  logger: Logger;
  hasher: PasswordHasher | null;
  /** Delivers waiting outbox messages after the response (a staff answer was just sent). */
  dispatchOutbox(): void;
  /** Who citizens are told to ask: the default owner of new FAQ entries. */
  defaultAgency: string;
}

export interface WorkspaceState {
  engine: ReadyEngine | null;
  workspace?: WorkspaceStores | null;
}

export function workspaceGetters(state: WorkspaceState) {
  return {
    stores(): WorkspaceStores {
      if (!state.workspace) throw new AppError('not_ready', 'Khu vực cán bộ đang khởi động. Vui lòng thử lại sau vài giây.', 5);
      return state.workspace;
    },
    engine(): ReadyEngine {
      if (!state.engine) throw new AppError('not_ready', 'Chỉ mục văn bản đang được nạp. Vui lòng thử lại sau vài giây.', 5);
      return state.engine;
    },
  };
}

export function auditRecord(ctx: Pick<WorkspaceContext, 'now' | 'newId'>, actor: string, action: AuditAction, target: string | null, before: unknown, after: unknown): AuditRecord {
  return { id: ctx.newId(), at: ctx.now().toISOString(), actor, action, target, before: before ?? null, after: after ?? null };
}
