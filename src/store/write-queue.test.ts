import { describe, expect, it } from 'vitest';
import { StoreBusyError, WriteQueue } from './write-queue.ts';

/** A database stand-in: transactions are recorded; `locked` makes every write fail as SQLite does. */
function fakeDatabase() {
  const committed: string[] = [];
  const transactions: string[][] = [];
  let staged: string[] | null = null;
  const db = {
    locked: false,
    committed,
    transactions,
    write(value: string) {
      if (db.locked) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      if (value === 'bad') throw Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT' });
      (staged ?? committed).push(value);
    },
    transaction(writes: () => void) {
      staged = [];
      try {
        writes();
        committed.push(...staged);
        transactions.push(staged);
      } finally {
        staged = null;
      }
    },
  };
  return db;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

function queueOn(db: ReturnType<typeof fakeDatabase>, max = 10) {
  const problems: string[] = [];
  const queue = new WriteQueue({ max, transaction: (w) => db.transaction(w), defer: setImmediate, minDelayMs: 5 }, { onProblem: (p, o) => problems.push(`${p}/${o}`), onDepth: () => {} });
  return { queue, problems };
}

describe('WriteQueue', () => {
  it('commits the writes of one turn of the event loop in one transaction, resolving after the commit', async () => {
    const db = fakeDatabase();
    const { queue } = queueOn(db);
    const settled: string[] = [];
    const all = ['a', 'b', 'c'].map((v) => queue.submit({ run: () => db.write(v), key: v }).then(() => settled.push(v)));
    expect(db.committed).toEqual([]);
    expect(queue.has('b')).toBe(true);
    await Promise.all(all);
    expect(db.transactions).toEqual([['a', 'b', 'c']]);
    expect(settled).toEqual(['a', 'b', 'c']);
    expect(queue.has('b')).toBe(false);
  });

  it('commits the others when one write fails for its own reason, and rejects only that one', async () => {
    const db = fakeDatabase();
    const { queue } = queueOn(db);
    const results = await Promise.allSettled(['a', 'bad', 'c'].map((v) => queue.submit({ run: () => db.write(v) })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.committed).toEqual(['a', 'c']);
  });

  it('keeps writes in order behind a lock and lands them when it is gone', async () => {
    const db = fakeDatabase();
    const { queue, problems } = queueOn(db);
    db.locked = true;
    await queue.submit({ run: () => db.write('a') });
    await queue.submit({ run: () => db.write('b') });
    expect(queue.depth).toBe(2);
    expect(problems).toEqual(['busy/queued']);
    db.locked = false;
    await expect.poll(() => queue.depth).toBe(0);
    expect(db.committed).toEqual(['a', 'b']);
    await queue.submit({ run: () => db.write('c') });
    expect(db.committed).toEqual(['a', 'b', 'c']);
  });

  it('refuses with StoreBusyError once full of writes waiting for a lock', async () => {
    const db = fakeDatabase();
    const { queue } = queueOn(db, 2);
    db.locked = true;
    await queue.submit({ run: () => db.write('a') });
    await queue.submit({ run: () => db.write('b') });
    expect(queue.accepting).toBe(false);
    await expect(queue.submit({ run: () => db.write('c') })).rejects.toBeInstanceOf(StoreBusyError);
    queue.close();
  });

  it('stops retrying on close and says how many writes were left', async () => {
    const db = fakeDatabase();
    const { queue } = queueOn(db);
    db.locked = true;
    await queue.submit({ run: () => db.write('a') });
    await tick();
    expect(queue.close()).toBe(1);
  });
});
