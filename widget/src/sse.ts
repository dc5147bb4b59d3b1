/**
 * @module
 * An incremental Server-Sent Events parser
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation):
 * text arrives in arbitrary chunks (a line, an event or a character may be split across
 * them); each complete event is handed on. An unfinished event at the end is dropped, as
 * the standard says.
 */

export interface SseEvent {
  event: string;
  data: string;
}

export interface SseParser {
  push(chunk: string): void;
  /** The stream ended: a final CR is a line end after all. */
  end(): void;
}

export function createSseParser(onEvent: (event: SseEvent) => void): SseParser {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let first = true;

  const line = (l: string) => {
    if (l === '') {
      if (data.length) onEvent({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      return;
    }
    if (l[0] === ':') return;
    const colon = l.indexOf(':');
    const field = colon < 0 ? l : l.slice(0, colon);
    let value = colon < 0 ? '' : l.slice(colon + 1);
    if (value[0] === ' ') value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  };

  return {
    push(chunk) {
      buffer += chunk;
      if (first && buffer) {
        // A leading byte order mark is ignored.
        if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
        first = false;
      }
      // A lone CR at the end may be the first half of CRLF: wait for the next chunk.
      const re = /\r\n|\r(?!$)|\n/g;
      let start = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(buffer))) {
        line(buffer.slice(start, m.index));
        start = m.index + m[0].length;
      }
      buffer = buffer.slice(start);
    },
    end() {
      if (buffer.slice(-1) === '\r') line(buffer.slice(0, -1));
      buffer = '';
    },
  };
}
