/**
 * @module
 * The DOM of one message. Answers are plain text (paragraphs and `- ` bullets, never
 * HTML, per the API contract) and always Vietnamese, whatever the interface language;
 * source links appear only for http(s) URLs.
 */
import type { AskFailure } from './api.ts';
import { button, el, icon } from './dom.ts';
import { fill, type Strings } from './i18n.ts';
import { httpUrl } from './options.ts';
import type { Speech } from './speech.ts';
import type { BotMessage, Source } from './types.ts';

/** Paragraphs and bullet lists from an answer's plain text. */
export function answerBody(text: string): HTMLElement {
  const body = el('div', { class: 'x', lang: 'vi' });
  let list: HTMLUListElement | null = null;
  for (const line of text.split('\n')) {
    const bullet = /^\s*[-•]\s+(\S.*|)$/.exec(line);
    if (bullet) {
      if (!list) body.append((list = el('ul')));
      list.append(el('li', null, bullet[1]));
    } else if (line.trim()) {
      list = null;
      body.append(el('p', null, line));
    }
  }
  return body;
}

export function userBubble(t: Strings, text: string): HTMLElement {
  return el('div', { class: 'm u' }, el('span', { class: 'v' }, t.you + ' '), text);
}

/** An empty bot bubble; `streamText` fills it while the answer streams. */
export function botBubble(t: Strings): HTMLElement {
  return el('div', { class: 'm b' }, el('span', { class: 'v' }, t.bot + ' '));
}

export function streamText(bubble: HTMLElement): Text {
  const text = document.createTextNode('');
  bubble.append(el('div', { class: 'x', lang: 'vi' }, el('p', null, text)));
  return text;
}

function sourceItem(source: Source): HTMLElement {
  const url = httpUrl(source.url);
  const title = url ? el('a', { href: url.href, target: '_blank', rel: 'noopener noreferrer' }, source.title) : el('span', null, source.title);
  return el('li', null, title, source.section && el('span', { class: 'sc' }, source.section));
}

function sources(t: Strings, list: Source[]): HTMLElement | null {
  if (!list.length) return null;
  return el('details', null, el('summary', null, `${t.sources} (${list.length})`), el('ol', { lang: 'vi' }, ...list.map(sourceItem)));
}

/** What kind of answer it is, when it is not an ordinary one. */
function label(t: Strings, m: BotMessage): HTMLElement | null {
  const text = m.method === 'staff' ? t.staff : m.outcome === 'answered' ? '' : t[m.outcome];
  return text ? el('span', { class: 'o' }, text) : null;
}

export function suggestionChips(t: Strings, questions: string[], ask: (q: string) => void): HTMLElement | null {
  if (!questions.length) return null;
  const group = el('div', { class: 'c', role: 'group', 'aria-label': t.suggestions });
  for (const q of questions) {
    const chip = button('', q);
    chip.setAttribute('lang', 'vi');
    chip.addEventListener('click', () => ask(q));
    group.append(chip);
  }
  return group;
}

/** Fills a bot bubble with a finished answer; `tools` is its feedback row. */
export function fillBot(t: Strings, bubble: HTMLElement, m: BotMessage, tools: HTMLElement): void {
  bubble.textContent = '';
  bubble.setAttribute('data-message-id', m.id);
  bubble.append(el('span', { class: 'v' }, t.bot + ' '));
  for (const part of [label(t, m), answerBody(m.text), sources(t, m.sources), tools]) if (part) bubble.append(part);
}

/** "Đọc to": speaks the answer; pressed again, stops. */
export function speakButton(t: Strings, speech: Speech, text: string): HTMLButtonElement {
  const speak = button('sp', [icon('speaker'), t.speak], t.speakLabel);
  speak.setAttribute('aria-pressed', 'false');
  speak.addEventListener('click', () => {
    if (speak.getAttribute('aria-pressed') === 'true') return speech.stop();
    speech.speak(text.replace(/^\s*[-•]\s+/gm, ''), () => speak.setAttribute('aria-pressed', 'false'));
    speak.setAttribute('aria-pressed', 'true');
  });
  return speak;
}

function failureText(t: Strings, f: AskFailure): string {
  if (f.kind === 'rate') return fill(t.rate, f.retryAfter);
  if (f.kind === 'busy') return fill(t.busy, f.retryAfter);
  if (f.kind === 'timeout') return t.timeout;
  if (f.kind === 'network') return t.network;
  return f.serverMessage || t.failed;
}

/**
 * What went wrong, and "Thử lại" when trying again can help. After a 429 or 503 the button
 * stays disabled (aria-disabled, so it keeps its place in the tab order) for Retry-After.
 */
export function errorNotice(t: Strings, f: AskFailure, retry: () => void): HTMLElement {
  const box = el('div', { class: 'e' }, el('p', null, failureText(t, f)));
  if (f.retryable) {
    const again = button('r', t.retry);
    if (f.retryAfter) {
      again.setAttribute('aria-disabled', 'true');
      setTimeout(() => again.removeAttribute('aria-disabled'), f.retryAfter * 1000);
    }
    again.addEventListener('click', () => {
      if (!again.hasAttribute('aria-disabled')) retry();
    });
    box.append(again);
  }
  return box;
}
