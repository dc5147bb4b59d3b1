/**
 * @module
 * How the SQLite store writes without stalling the server.
 *
 * Group commit: writes that arrive in the same turn of the event loop are committed in
 * one transaction, and each caller's promise resolves only after that commit, so an
 * acknowledged exchange is on disk (in the WAL) before its answer is sent. Under load one
 * commit serves many answers; profiling /api/chat showed a commit per exchange as the
 * largest cost of a request.
 *
 * Locks and full disks: if the database is locked (another process holds it) or the disk
 * is full, writes wait in a bounded queue, in order, retried off the request path with
 * backoff, so the citizen still gets the answer and nothing acknowledged is lost unless
 * the process dies. With the queue full, a lock means "try again later" (the caller answers
 * 503); a full disk means the write is dropped and counted, so answering goes on while the
 * operator frees space.
 */
/** A lock held elsewhere, a full disk, or a write that failed for its own reason (dropped: it never can succeed). */
export type WriteProblem = 'busy' | 'full' | 'error';

export interface QueuedWrite {
  run(): void;
  /** An id this write will store (a message id), so reads can see it before it lands. */
  key?: string;
}

export interface WriteQueueEvents {
  /** A write waits (problem) or was dropped (full disk, queue full) or failed for good. */
  onProblem(problem: WriteProblem, outcome: 'queued' | 'dropped' | 'failed', error: unknown): void;
  onDepth(depth: number): void;
}

export interface WriteQueueOptions {
  max: number;
  /** Runs writes as one transaction (all or none). */
  transaction: (writes: () => void) => void;
  /** Runs a function after the current turn of the event loop (setImmediate on Node). */
  defer: (fn: () => void) => void;
  /** First retry delay; doubles up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** Thrown when the queue is full of writes waiting for a lock: the caller should answer 503. */
export class StoreBusyError extends Error {
  constructor() {
    super('the database is locked and the write queue is full');
  }
}

const RETRYABLE = /^SQLITE_(BUSY|LOCKED)/;
/** Waiting writes are retried in transactions of at most this many. */
const DRAIN_CHUNK = 200;

export function writeProblem(error: unknown): WriteProblem | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (RETRYABLE.test(code)) return 'busy';
  if (code === 'SQLITE_FULL') return 'full';
  return null;
}

interface Pending {
  write: QueuedWrite;
  resolve(): void;
  reject(error: unknown): void;
}

export class WriteQueue {
  private batch: Pending[] = [];
  private flushScheduled = false;
  private readonly waiting: QueuedWrite[] = [];
  private readonly keys = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private delay: number;
  private lastProblem: WriteProblem = 'busy';

  constructor(
    private readonly options: WriteQueueOptions,
    private readonly events: WriteQueueEvents,
  ) {
    this.delay = options.minDelayMs ?? 20;
  }

  get depth(): number {
    return this.waiting.length;
  }

  /** Whether a new write would be accepted (committed, queued, or — disk full — dropped while answering goes on). */
  get accepting(): boolean {
    return this.waiting.length < this.options.max || this.lastProblem === 'full';
  }

  /** Whether a write storing this key is waiting or about to be committed. */
  has(key: string): boolean {
    return this.keys.has(key);
  }

  /**
   * Resolves once the write is committed, or queued behind a lock or a full disk; rejects
   * with StoreBusyError when the queue is full, or with the write's own error.
   */
  submit(write: QueuedWrite): Promise<void> {
    if (this.waiting.length > 0) {
      try {
        this.wait(write);
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error);
      }
    }
    this.hold(write);
    return new Promise((resolve, reject) => {
      this.batch.push({ write, resolve, reject });
      if (this.flushScheduled) return;
      this.flushScheduled = true;
      this.options.defer(() => this.flush());
    });
  }

  /** Tries every waiting write now, in order; true when none is left. */
  drain(): boolean {
    while (this.waiting.length > 0) {
      const chunk = this.waiting.slice(0, DRAIN_CHUNK);
      try {
        this.options.transaction(() => chunk.forEach((w) => w.run()));
      } catch (error) {
        const problem = writeProblem(error);
        if (problem) {
          this.lastProblem = problem;
          return false;
        }
        // One write in the chunk can never succeed: run them one by one so it cannot block the others.
        if (!this.drainOneByOne(chunk.length)) return false;
        continue;
      }
      this.waiting.splice(0, chunk.length).forEach((w) => this.release(w));
      this.events.onDepth(this.waiting.length);
    }
    this.delay = this.options.minDelayMs ?? 20;
    return true;
  }

  /** Stops retrying; returns how many writes were still waiting. */
  close(): number {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flush();
    return this.waiting.length;
  }

  private flush() {
    this.flushScheduled = false;
    const batch = this.batch;
    this.batch = [];
    if (batch.length === 0) return;
    if (this.waiting.length === 0) {
      try {
        this.options.transaction(() => batch.forEach((p) => p.write.run()));
        for (const p of batch) {
          this.release(p.write);
          p.resolve();
        }
        return;
      } catch (error) {
        const problem = writeProblem(error);
        if (!problem) return this.commitOneByOne(batch);
        this.lastProblem = problem;
        this.events.onProblem(problem, 'queued', error);
      }
    }
    for (const p of batch) this.settle(p, () => this.enqueue(p.write));
  }

  /** A batch with a write that fails for its own reason: each commits (or fails, or waits) alone. */
  private commitOneByOne(batch: Pending[]) {
    for (const p of batch) {
      if (this.waiting.length > 0) {
        this.settle(p, () => this.enqueue(p.write));
        continue;
      }
      try {
        p.write.run();
        this.release(p.write);
        p.resolve();
      } catch (error) {
        const problem = writeProblem(error);
        if (!problem) {
          this.release(p.write);
          p.reject(error);
          continue;
        }
        this.lastProblem = problem;
        this.events.onProblem(problem, 'queued', error);
        this.settle(p, () => this.enqueue(p.write));
      }
    }
  }

  private drainOneByOne(count: number): boolean {
    for (let i = 0; i < count; i++) {
      const write = this.waiting[0] as QueuedWrite;
      try {
        write.run();
      } catch (error) {
        const problem = writeProblem(error);
        if (problem) {
          this.lastProblem = problem;
          return false;
        }
        this.events.onProblem('error', 'failed', error);
      }
      this.waiting.shift();
      this.release(write);
      this.events.onDepth(this.waiting.length);
    }
    return true;
  }

  private settle(p: Pending, run: () => void) {
    try {
      run();
      p.resolve();
    } catch (error) {
      p.reject(error);
    }
  }

  /** A write that arrives while others wait: behind them, or refused when the queue is full. */
  private wait(write: QueuedWrite) {
    this.hold(write);
    this.enqueue(write);
  }

  /** Puts a held write in the waiting queue; when full, drops it (disk full) or throws StoreBusyError (lock). */
  private enqueue(write: QueuedWrite) {
    if (this.waiting.length >= this.options.max) {
      this.release(write);
      if (this.lastProblem === 'full') {
        this.events.onProblem('full', 'dropped', null);
        return;
      }
      throw new StoreBusyError();
    }
    this.waiting.push(write);
    this.events.onDepth(this.waiting.length);
    this.schedule();
  }

  private hold(write: QueuedWrite) {
    if (write.key) this.keys.set(write.key, (this.keys.get(write.key) ?? 0) + 1);
  }

  private release(write: QueuedWrite) {
    if (!write.key) return;
    const left = (this.keys.get(write.key) ?? 1) - 1;
    if (left > 0) this.keys.set(write.key, left);
    else this.keys.delete(write.key);
  }

  private schedule() {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.drain()) {
        this.delay = Math.min(this.delay * 2, this.options.maxDelayMs ?? 1_000);
        this.schedule();
      }
    }, this.delay);
    // A timer alone must not keep a finished process (a CLI, a test) alive.
    (this.timer as { unref?: () => void }).unref?.();
  }
}
