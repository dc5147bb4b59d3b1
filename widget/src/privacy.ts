/**
 * @module
 * "Thông tin & quyền riêng tư": a disclosure in the panel's footer with the conversation id
 * (the only way a citizen can name their data when asking the agency to export or erase it),
 * a copy button, and what is kept and for how long. The id exists only in this tab's
 * sessionStorage and is dropped by "Cuộc trò chuyện mới", so it is shown where it can be
 * written down. Retention is the server's setting, so it is stated in terms that stay true
 * whatever the setting.
 */
import { button, el } from './dom.ts';
import type { Strings } from './i18n.ts';

export interface Privacy {
  /** The footer: the toggle and the region it opens. */
  node: HTMLElement;
  setId(id: string | null): void;
}

export function privacyPanel(t: Strings): Privacy {
  const toggle = button('pv', t.privacy);
  toggle.setAttribute('aria-expanded', 'false');
  toggle.setAttribute('aria-controls', 'nq57-i');
  const code = el('code', { class: 'id' });
  const none = el('span', { class: 'n' }, t.noId);
  const copy = button('sd', t.copy);
  code.hidden = copy.hidden = true;
  // Not role="status": the panel has one already, for "Đang trả lời…".
  const note = el('p', { class: 'n', 'aria-live': 'polite' });
  const region = el(
    'div',
    // Scrolls on short screens: focusable so that keyboard users can scroll it (SC 2.1.1).
    { class: 'pi', id: 'nq57-i', role: 'region', 'aria-label': t.privacy, tabindex: '0', hidden: '' },
    el('p', { class: 'k' }, t.idLabel),
    el('p', null, code, none),
    copy,
    note,
    el('p', null, t.stored),
    el('p', null, t.rights),
  );

  const select = () => {
    const range = document.createRange();
    range.selectNodeContents(code);
    const selection = getSelection();
    if (selection) {
      selection.removeAllRanges();
      selection.addRange(range);
    }
    note.textContent = t.selected;
  };

  toggle.addEventListener('click', () => {
    const open = region.hidden;
    region.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    note.textContent = '';
  });
  copy.addEventListener('click', () => {
    const clipboard = navigator.clipboard;
    // Without the Clipboard API (older browsers, insecure pages) or when it is refused: select it to copy by hand.
    if (clipboard && clipboard.writeText) clipboard.writeText(code.textContent || '').then(() => (note.textContent = t.copied), select);
    else select();
  });

  return {
    node: el('div', { class: 'pf' }, toggle, region),
    setId(id) {
      if (id === (code.textContent || null)) return;
      code.textContent = id || '';
      code.hidden = copy.hidden = !id;
      none.hidden = !!id;
      note.textContent = '';
    },
  };
}
