/**
 * @module
 * The widget's size budget and its pure parts: contrast adjustment, the SSE parser, option
 * parsing, error mapping and the streaming client (with a fake `fetch`). The DOM is tested
 * in real Chromium (`test/widget.browser.test.ts`).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildWidget } from './build.ts';
import { askQuestion, failureFromResponse, parseRetryAfter, type AskFailure } from './src/api.ts';
import { contrast, parseHex, readableOn, toHex, type Rgb } from './src/colour.ts';
import { DEFAULT_COLOUR, httpUrl, parseOptions } from './src/options.ts';
import { createSseParser, type SseEvent } from './src/sse.ts';

const WHITE: Rgb = [255, 255, 255];

describe('the built widget', () => {
  it('stays within its size budget of 15 KB gzipped', async () => {
    const widget = await buildWidget();
    expect(widget.gzipBytes, `widget.js is ${widget.gzipBytes} bytes gzipped`).toBeLessThanOrEqual(15 * 1024);
  });

  it('never parses HTML nor evaluates strings, so it runs under Trusted Types', async () => {
    const { code } = await buildWidget();
    for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'createContextualFragment', 'eval(', 'new Function', 'setHTMLUnsafe']) {
      expect(code, sink).not.toContain(sink);
    }
  });

  it('is one IIFE that assigns nothing to window', async () => {
    const { code } = await buildWidget();
    expect(code).toMatch(/^"use strict";\(\(\)=>\{[\s\S]*\}\)\(\);\s*$/);
    expect(code).not.toMatch(/\b(window|globalThis|self)\.[\w$]+\s*=[^=]/);
  });
});

describe('contrast', () => {
  it('parses #rgb and #rrggbb in any case, and nothing else', () => {
    expect(parseHex('#fff')).toEqual([255, 255, 255]);
    expect(parseHex('#A50E0E')).toEqual([165, 14, 14]);
    expect(parseHex(' #0a5 ')).toEqual([0, 170, 85]);
    for (const bad of ['red', 'fff', '#ff', '#ggg', '#12345', '#1234567', 'rgb(0,0,0)', '']) expect(parseHex(bad), bad).toBeNull();
  });

  it('computes WCAG contrast ratios', () => {
    expect(contrast(WHITE, [0, 0, 0])).toBeCloseTo(21, 5);
    expect(contrast([0, 0, 0], WHITE)).toBeCloseTo(21, 5);
    // #767676 is the lightest grey that passes 4.5:1 on white; #777777 fails.
    expect(contrast(parseHex('#767676') as Rgb, WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(parseHex('#777777') as Rgb, WHITE)).toBeLessThan(4.5);
  });

  it('keeps a colour that already passes', () => {
    const red = parseHex(DEFAULT_COLOUR) as Rgb;
    expect(readableOn(red)).toEqual(red);
    expect(toHex(readableOn(red))).toBe(DEFAULT_COLOUR);
  });

  it.each(['#ffff00', '#ffffff', '#7fdbff', '#ff851b', '#2ecc40', '#f0f', '#777777'])('darkens %s until white text on it reaches 4.5:1, keeping its hue', (hex) => {
    const colour = parseHex(hex) as Rgb;
    expect(contrast(colour, WHITE)).toBeLessThan(4.5);
    const adjusted = readableOn(colour);
    expect(contrast(adjusted, WHITE)).toBeGreaterThanOrEqual(4.5);
    adjusted.forEach((c, i) => expect(c).toBeLessThanOrEqual(colour[i] as number));
    // Darkened by one step less would not have passed: it is not darker than needed.
    const lighter = adjusted.map((c, i) => Math.min(colour[i] as number, Math.ceil(c / 0.95))) as Rgb;
    expect(contrast(lighter, WHITE)).toBeLessThan(4.6);
    // Channels keep their order (yellow stays yellow, not grey).
    if (colour[0] > colour[2]) expect(adjusted[0]).toBeGreaterThan(adjusted[2]);
  });

  it('can be checked against a surface other than white', () => {
    const surface: Rgb = [241, 243, 244];
    const adjusted = readableOn([0, 116, 217], surface);
    expect(contrast(adjusted, surface)).toBeGreaterThanOrEqual(4.5);
  });
});

describe('the SSE parser', () => {
  const parseAll = (chunks: string[]) => {
    const events: SseEvent[] = [];
    const parser = createSseParser((e) => events.push(e));
    for (const c of chunks) parser.push(c);
    parser.end();
    return events;
  };
  const stream =
    'event: sources\ndata: []\n\n' + ': a comment\n' + 'event: delta\ndata: {"text":"Ngày 10/10"}\n\n' + 'event: delta\ndata: {"text":" hằng năm"}\n\n' + 'event: done\ndata: {"answer":"x"}\n\n';

  it('reads events, names and data', () => {
    expect(parseAll([stream])).toEqual([
      { event: 'sources', data: '[]' },
      { event: 'delta', data: '{"text":"Ngày 10/10"}' },
      { event: 'delta', data: '{"text":" hằng năm"}' },
      { event: 'done', data: '{"answer":"x"}' },
    ]);
  });

  it('gives the same events however the stream is split into chunks', () => {
    const whole = parseAll([stream]);
    expect(parseAll(Array.from(stream))).toEqual(whole);
    for (const size of [2, 3, 7, 13]) {
      const chunks: string[] = [];
      for (let i = 0; i < stream.length; i += size) chunks.push(stream.slice(i, i + size));
      expect(parseAll(chunks), `chunks of ${size}`).toEqual(whole);
    }
  });

  it('accepts CRLF and CR line ends, split anywhere', () => {
    const crlf = stream.replace(/\n/g, '\r\n');
    expect(parseAll(Array.from(crlf))).toEqual(parseAll([stream]));
    expect(parseAll(Array.from(stream.replace(/\n/g, '\r')))).toEqual(parseAll([stream]));
  });

  it('joins multi-line data, defaults the event name, ignores a BOM and data-less events', () => {
    expect(parseAll(['\uFEFFdata: a\ndata:b\n\nevent: ping\n\nid: 1\ndata\n\n'])).toEqual([
      { event: 'message', data: 'a\nb' },
      { event: 'message', data: '' },
    ]);
  });

  it('drops an event the stream cut off before its blank line', () => {
    expect(parseAll(['event: delta\ndata: {"text":"a"}\n\nevent: done\ndata: {"answer"'])).toEqual([{ event: 'delta', data: '{"text":"a"}' }]);
  });
});

describe('options from data-* attributes', () => {
  const parse = (attrs: Record<string, string>, src: string | null = 'https://hoidap.dienbien.gov.vn/widget.js', page = 'https://portal.dienbien.gov.vn/van-ban/1169') =>
    parseOptions((name) => attrs[name] ?? null, src, page);

  it('has Vietnamese defaults and calls the origin the script came from', () => {
    const o = parse({});
    expect(o.title).toBe('Hỏi đáp NQ57');
    expect(o.greeting).toMatch(/Nghị quyết 57/);
    expect(o.greeting).toMatch(/nguồn/);
    expect(o.lang).toBe('vi');
    expect(o.position).toBe('bottom-right');
    expect(toHex(o.colour)).toBe(DEFAULT_COLOUR);
    expect(o.api).toBe('https://hoidap.dienbien.gov.vn');
    expect(o.suggestions).toEqual([]);
    expect(o.documentId).toBeNull();
  });

  it('reads every option', () => {
    const o = parse({
      title: ' Hỏi đáp Điện Biên ',
      greeting: 'Chào bạn',
      color: '#0A5',
      position: 'bottom-left',
      api: 'https://api.example.vn/hoi-dap/',
      suggestions: ' NQ57 là gì? | |Ai ký kế hoạch?|',
      lang: 'EN',
      document: 'ke-hoach-dien-bien-1169',
    });
    expect(o).toMatchObject({ title: 'Hỏi đáp Điện Biên', greeting: 'Chào bạn', colour: [0, 170, 85], position: 'bottom-left', lang: 'en', documentId: 'ke-hoach-dien-bien-1169' });
    expect(o.api).toBe('https://api.example.vn/hoi-dap');
    expect(o.suggestions).toEqual(['NQ57 là gì?', 'Ai ký kế hoạch?']);
  });

  it('uses English interface defaults with data-lang="en"', () => {
    expect(parse({ lang: 'en' }).title).toBe('NQ57 Q&A');
  });

  it('falls back to defaults for invalid values', () => {
    const o = parse({ color: 'red', position: 'top-left', lang: 'fr', api: 'javascript:alert(1)', document: 'x'.repeat(129) });
    expect(toHex(o.colour)).toBe(DEFAULT_COLOUR);
    expect(o.position).toBe('bottom-right');
    expect(o.lang).toBe('vi');
    expect(o.api).toBe('https://hoidap.dienbien.gov.vn');
    expect(o.documentId).toBeNull();
  });

  it('resolves a relative script src against the page', () => {
    expect(parse({}, '/widget.js', 'http://127.0.0.1:3000/').api).toBe('http://127.0.0.1:3000');
    expect(parse({}, null, 'http://127.0.0.1:3000/trang').api).toBe('http://127.0.0.1:3000');
  });

  it('accepts only http and https links', () => {
    expect(httpUrl('https://vanban.chinhphu.vn/a')?.href).toBe('https://vanban.chinhphu.vn/a');
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'not a url', '', null]) {
      expect(httpUrl(bad), String(bad)).toBeNull();
    }
  });
});

describe('errors', () => {
  it('reads Retry-After as seconds or a date, at least one second', () => {
    expect(parseRetryAfter('7')).toBe(7);
    expect(parseRetryAfter('0')).toBe(1);
    const now = Date.parse('2025-06-16T00:00:00Z');
    expect(parseRetryAfter('Mon, 16 Jun 2025 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter(null)).toBe(5);
    expect(parseRetryAfter('soon')).toBe(5);
  });

  it('maps 429 and 503 to a wait, 409 and 5xx to a retry, other 4xx to the server message', () => {
    const body = (message: string) => JSON.stringify({ error: { code: 'x', message } });
    expect(failureFromResponse(429, '3', body('chậm lại'))).toMatchObject({ kind: 'rate', retryAfter: 3, retryable: true });
    expect(failureFromResponse(503, '5', body('đang khởi động'))).toMatchObject({ kind: 'busy', retryAfter: 5, retryable: true });
    expect(failureFromResponse(409, null, body('đang xử lý'))).toMatchObject({ kind: 'server', retryable: true, serverMessage: 'đang xử lý' });
    expect(failureFromResponse(502, null, '<html>Bad gateway</html>')).toMatchObject({ kind: 'server', retryable: true, serverMessage: '' });
    expect(failureFromResponse(400, null, body('Câu hỏi dài quá'))).toMatchObject({ kind: 'server', retryable: false, serverMessage: 'Câu hỏi dài quá' });
  });
});

describe('askQuestion', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const done = { conversationId: 'c1', messageId: 'm1', outcome: 'answered', method: 'faq', answer: 'Ngày 10/10.', sources: [], suggestions: [], latencyMs: 1 };
  const sse = (chunks: string[], holdOpen = false) =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
          if (!holdOpen) controller.close();
        },
      }),
      { headers: { 'content-type': 'text/event-stream' } },
    );
  const ask = (limits = { firstByteMs: 5_000, totalMs: 5_000 }, signal = new AbortController().signal) => {
    const pieces: string[] = [];
    const result = askQuestion('https://hoidap.example', { message: 'NQ57?' }, (t) => pieces.push(t), signal, limits);
    return { pieces, result };
  };
  const failureOf = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      return e as AskFailure;
    }
    throw new Error('expected a failure');
  };

  it('posts JSON asking for a stream, hands on each delta and resolves with done', async () => {
    const fetchMock = vi.fn(async () => sse(['event: delta\ndata: {"text":"Ngày "}\n\nevent: del', 'ta\ndata: {"text":"10/10."}\n\n', `event: done\ndata: ${JSON.stringify(done)}\n\n`]));
    vi.stubGlobal('fetch', fetchMock);
    const { pieces, result } = ask();
    expect(await result).toEqual(done);
    expect(pieces).toEqual(['Ngày ', '10/10.']);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://hoidap.example/api/chat');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ Accept: 'text/event-stream', 'Content-Type': 'application/json' });
    expect(JSON.parse(init.body as string)).toEqual({ message: 'NQ57?' });
  });

  it('turns an error event into a retryable failure with the server message', async () => {
    vi.stubGlobal('fetch', async () => sse(['event: error\ndata: {"code":"internal","message":"Đã có lỗi xảy ra."}\n\n']));
    expect(await failureOf(ask().result)).toMatchObject({ kind: 'server', serverMessage: 'Đã có lỗi xảy ra.', retryable: true });
  });

  it('treats a stream cut off before done as a network failure', async () => {
    vi.stubGlobal('fetch', async () => sse(['event: delta\ndata: {"text":"Ngày"}\n\n']));
    expect(await failureOf(ask().result)).toMatchObject({ kind: 'network', retryable: true });
  });

  it('reads a 429 with its Retry-After', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'x' } }), { status: 429, headers: { 'retry-after': '4' } }));
    expect(await failureOf(ask().result)).toMatchObject({ kind: 'rate', retryAfter: 4 });
  });

  it('reports a fetch that fails as a network failure', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await failureOf(ask().result)).toMatchObject({ kind: 'network' });
  });

  it('gives up with a timeout when no byte arrives in time, and when the answer never finishes', async () => {
    const hang = (_url: string, init: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    vi.stubGlobal('fetch', hang);
    expect(await failureOf(ask({ firstByteMs: 10, totalMs: 5_000 }).result)).toMatchObject({ kind: 'timeout', retryable: true });
    vi.stubGlobal('fetch', async () => sse(['event: delta\ndata: {"text":"Ngày"}\n\n'], true));
    expect(await failureOf(ask({ firstByteMs: 5_000, totalMs: 20 }).result)).toMatchObject({ kind: 'timeout' });
  });

  it('stops quietly when cancelled', async () => {
    const controller = new AbortController();
    vi.stubGlobal('fetch', async () => sse([], true));
    const { result } = ask(undefined, controller.signal);
    controller.abort();
    expect(await failureOf(result)).toMatchObject({ kind: 'aborted', retryable: false });
  });

  it('accepts a plain JSON answer from a proxy that dropped the stream', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(done), { headers: { 'content-type': 'application/json' } }));
    expect(await ask().result).toEqual(done);
  });
});
