/**
 * @module
 * Personal data kept only as long as needed (Law 91/2025, storage limitation): every day,
 * exchanges, feedback, queue items, staff messages and webhook events older than
 * RETENTION_DAYS go, and conversations with nothing left; the audit log keeps a record of
 * each run (counts and the cutoff, no personal data). The purge runs in small
 * transactions, yielding between them, so a large backlog never holds the database or the
 * event loop for long; stopping (SIGTERM) waits for the step under way, never a whole run.
 */
import type { Logger } from '../../logger.ts';
import { NO_REMOVALS, type RemovedCounts } from '../../store/personal-data/types.ts';
import type { WorkspaceStores } from '../../store/workspace.ts';
import { StoreBusyError } from '../../store/write-queue.ts';
import { titleGroup } from './service.ts';

const DAY_MS = 86_400_000;
const BATCH = 500;
const BUSY_RETRIES = 5;

export interface RetentionDeps {
  stores: () => WorkspaceStores;
  retentionDays: number;
  now: () => Date;
  newId: () => string;
  logger: Logger;
  /** Rows per transaction (default 500). */
  batch?: number;
  /** Between transactions: lets requests and the write queue run (default: the next turn of the event loop). */
  pause?: (ms: number) => Promise<void>;
}

export interface PurgeResult extends RemovedCounts {
  cutoff: string;
  retentionDays: number;
  /** False when the run stopped early (shutdown, or the database stayed locked): the next run finishes. */
  complete: boolean;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Removes everything older than the retention period, then records the run in the audit log. */
export async function purgeExpired(deps: RetentionDeps, stopping: () => boolean = () => false): Promise<PurgeResult> {
  const started = deps.now();
  const cutoff = new Date(started.getTime() - deps.retentionDays * DAY_MS).toISOString();
  const pause = deps.pause ?? ((ms: number) => (ms > 0 ? wait(ms) : new Promise<void>((resolve) => setImmediate(resolve))));
  const totals: RemovedCounts = { ...NO_REMOVALS };
  let complete = false;
  let busy = 0;
  const store = deps.stores().personalData;
  if (!store) throw new Error('no personal-data store on this runtime: the retention purge cannot run');
  while (!stopping()) {
    try {
      const step = await store.purgeStep(cutoff, deps.batch ?? BATCH, titleGroup);
      busy = 0;
      for (const key of Object.keys(totals) as Array<keyof RemovedCounts>) totals[key] += step[key];
      if (!step.more) {
        complete = true;
        break;
      }
      await pause(0);
    } catch (error) {
      if (!(error instanceof StoreBusyError) || ++busy > BUSY_RETRIES) {
        deps.logger.error('the retention purge stopped; the next run goes on', { error: error instanceof Error ? error.message : String(error), cutoff });
        break;
      }
      await pause(1000 * 2 ** (busy - 1));
    }
  }
  const result: PurgeResult = { cutoff, retentionDays: deps.retentionDays, complete, ...totals };
  try {
    await deps.stores().audit.append({ id: deps.newId(), at: started.toISOString(), actor: 'system', action: 'retention.purge', target: null, before: null, after: result });
  } catch (error) {
    deps.logger.error('the retention purge could not be recorded in the audit log', { error: error instanceof Error ? error.message : String(error) });
  }
  deps.logger.info('retention purge', { ...result, ms: deps.now().getTime() - started.getTime() });
  return result;
}

/** Runs the purge at once, then every `intervalMs` (a day); `stop` waits for a run under way to end its step. */
export function scheduleRetention(deps: RetentionDeps & { intervalMs?: number }) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const run = () => {
    timer = null;
    running = purgeExpired(deps, () => stopped)
      .catch((error: unknown) => deps.logger.error('the retention purge failed', { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        running = null;
        if (!stopped) {
          timer = setTimeout(run, deps.intervalMs ?? DAY_MS);
          timer.unref?.();
        }
      });
  };
  return {
    start(): void {
      if (!stopped && !timer && !running) run();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
