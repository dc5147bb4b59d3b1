import { describe, expect, it } from 'vitest';
import { memoized, memoizedFor } from './memo.ts';

describe('memoized', () => {
  it('reads a text once and gives the same value after', () => {
    const read: string[] = [];
    const length = memoized(10, (text) => (read.push(text), text.length));
    expect([length('hai'), length('hai'), length('bốn'), length('hai')]).toEqual([3, 3, 3, 3]);
    expect(read).toEqual(['hai', 'bốn']);
  });

  it('remembers a value that is undefined as well', () => {
    let reads = 0;
    const nothing = memoized(10, () => (reads++, undefined));
    nothing('x');
    nothing('x');
    expect(reads).toBe(1);
  });

  it('starts afresh when full: memory stays bounded, a text read before is read again', () => {
    const read: string[] = [];
    const upper = memoized(2, (text) => (read.push(text), text.toUpperCase()));
    for (const text of ['a', 'b', 'c', 'a']) upper(text);
    expect(read).toEqual(['a', 'b', 'c', 'a']);
    expect(upper('c')).toBe('C');
  });
});

describe('memoizedFor', () => {
  it('reads an object once, each object apart, an undefined value too', () => {
    const read: object[] = [];
    const first = { text: 'a' };
    const second = { text: 'a' };
    const textOf = memoizedFor((key: { text: string }) => (read.push(key), key.text === 'b' ? undefined : key.text));
    expect([textOf(first), textOf(first), textOf(second)]).toEqual(['a', 'a', 'a']);
    const none = { text: 'b' };
    textOf(none);
    textOf(none);
    expect(read).toEqual([first, second, none]);
  });
});
