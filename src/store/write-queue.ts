/**
 * @module
 * Writes that must not stall the server. A write runs at once when nothing is waiting;
 * if the database is locked (another process holds it) or the disk is full, it waits in a
 * bounded queue, in order, and is retried off the request path with backoff, so the
 * citizen still gets the answer and nothing acknowledged is lost unless the process dies.
 * The queue full: a lock means "try again later" (the caller answers 503); a full disk means
 * the write is dropped and counted, so answering goes on while the operator frees space.
 */
export type WriteProblem = 'busy' | 'full';

export interface QueuedWrite {
  run(): void;
  /** Ids this write will store (a message id), so reads can see it before it lands. */
  key?: string;
}

export interface WriteQueueEvents {
  /** A write waits (problem) or was dropped (full disk, queue full). */
  onProblem(problem: WriteProblem, outcome: 'queued' | 'dropped' | 'failed', error: unknown): void;
  onDepth(depth: number): void;
}

/** Thrown when the queue is full of writes waiting for a lock: the caller should answer 503. */
export class StoreBusyError extends Error {
  constructor() {
    super('the database is locked and the write queue is full');
  }
}

const RETRYABLE = /^SQLITE_(BUSY|LOCKED)/;

export function writeProblem(error: unknown): WriteProblem | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (RETRYABLE.test(code)) return 'busy';
  if (code === 'SQLITE_FULL') return 'full';
  return null;
}

export interface WriteQueueOptions {
  max: number;
  /** First retry delay; doubles up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

export class WriteQueue {
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

  /** Whether a new write would be accepted (run, queued, or — disk full — dropped while answering goes on). */
  get accepting(): boolean {
    return this.waiting.length < this.options.max || this.lastProblem === 'full';
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** Runs the write now, or queues it behind the others; throws StoreBusyError when full. Other errors propagate. */
  submit(write: QueuedWrite): void {
    if (this.waiting.length === 0) {
      try {
        write.run();
        return;
      } catch (error) {
        const problem = writeProblem(error);
        if (!problem) throw error;
        this.lastProblem = problem;
        this.events.onProblem(problem, 'queued', error);
      }
    }
    if (this.waiting.length >= this.options.max) {
      if (this.lastProblem === 'full') {
        this.events.onProblem('full', 'dropped', null);
        return;
      }
      throw new StoreBusyError();
    }
    this.waiting.push(write);
    if (write.key) this.keys.set(write.key, (this.keys.get(write.key) ?? 0) + 1);
    this.events.onDepth(this.waiting.length);
    this.schedule();
  }

  /** Tries every waiting write now, in order; true when none is left. */
  drain(): boolean {
    while (this.waiting.length > 0) {
      const write = this.waiting[0] as QueuedWrite;
      try {
        write.run();
      } catch (error) {
        const problem = writeProblem(error);
        if (problem) {
          this.lastProblem = problem;
          return false;
        }
        // Not a lock or a full disk: this write can never succeed; it must not block the others.
        this.events.onProblem('busy', 'failed', error);
      }
      this.waiting.shift();
      this.release(write);
      this.events.onDepth(this.waiting.length);
    }
    this.delay = this.options.minDelayMs ?? 20;
    return true;
  }

  /** Stops retrying; returns how many writes were still waiting. */
  close(): number {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.waiting.length;
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
