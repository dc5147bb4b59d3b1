/**
 * @module
 * What the corpus reads as, read once: every question checks the same sentences, headings
 * and passages again.
 */

/**
 * By text. Bounded: past `limit` texts the memory starts afresh (a corpus's sentences fit
 * many times over; a flood of distinct texts cannot grow it without end). A plain map
 * cleared when full, not an LRU: the texts worth keeping come back at once.
 */
export function memoized<T>(limit: number, read: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    let value = known.get(text);
    if (value === undefined && !known.has(text)) {
      value = read(text);
      if (known.size >= limit) known.clear();
      known.set(text, value);
    }
    return value as T;
  };
}

/** By object (a passage, an index): kept while the object is, gone with it. */
export function memoizedFor<K extends object, T>(read: (key: K) => T): (key: K) => T {
  const known = new WeakMap<K, T>();
  return (key) => {
    if (known.has(key)) return known.get(key) as T;
    const value = read(key);
    known.set(key, value);
    return value;
  };
}
