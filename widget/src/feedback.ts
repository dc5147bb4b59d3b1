/**
 * @module
 * Thumbs up / thumbs down under an answer (`aria-pressed` toggles), and after a thumbs
 * down an optional comment. A rating that did not arrive is undone and said so.
 */
import { sendFeedback } from './api.ts';
import { button, el, icon } from './dom.ts';
import type { Strings } from './i18n.ts';
import type { BotMessage, Rating } from './types.ts';

export function feedbackRow(t: Strings, api: string, m: BotMessage, persist: () => void): HTMLElement {
  const up = button('ib fb', icon('up'), t.up);
  const down = button('ib fb', icon('down'), t.down);
  const row = el('div', { class: 't' }, up, down);
  let extra: HTMLElement | null = null;
  let busy = false;

  const sync = () => {
    up.setAttribute('aria-pressed', String(m.rating === 'up'));
    down.setAttribute('aria-pressed', String(m.rating === 'down'));
  };
  /** Replaces the note or comment box under the row. */
  const show = (node: HTMLElement | null) => {
    if (extra) extra.remove();
    extra = node;
    if (node) row.after(node);
  };
  const note = (text: string) => show(el('p', { class: 'n' }, text));

  const commentBox = () => {
    const id = 'nq57-c-' + m.id;
    const input = el('textarea', { id, rows: '2', maxlength: '1000' });
    const submit = button('sd', t.sendComment);
    submit.addEventListener('click', async () => {
      const comment = input.value.trim();
      if (!comment || busy) return;
      busy = true;
      const ok = await sendFeedback(api, { messageId: m.id, rating: 'down', comment });
      busy = false;
      note(ok ? t.thanks : t.feedbackFailed);
      // The box is gone; keep keyboard users in the answer rather than on the page's body.
      if (ok) down.focus();
    });
    return el('div', { class: 'cm' }, el('label', { for: id }, t.comment), input, submit);
  };

  const rate = async (rating: Rating) => {
    if (busy || m.rating === rating) return;
    busy = true;
    const previous = m.rating;
    m.rating = rating;
    sync();
    const ok = await sendFeedback(api, { messageId: m.id, rating });
    busy = false;
    if (!ok) {
      m.rating = previous;
      sync();
      return note(t.feedbackFailed);
    }
    persist();
    show(rating === 'down' ? commentBox() : el('p', { class: 'n' }, t.thanks));
  };

  up.addEventListener('click', () => void rate('up'));
  down.addEventListener('click', () => void rate('down'));
  sync();
  return row;
}
