/**
 * @module
 * The widget's frame: a host element with an open shadow root, the launcher, and the
 * panel (a non-modal dialog) with its header, the message log (`role="log"`, announced
 * politely), the status line (`role="status"`), the composer, and the privacy disclosure.
 */
import type { WidgetOptions } from './options.ts';
import { button, el, icon } from './dom.ts';
import type { Strings } from './i18n.ts';
import { privacyPanel, type Privacy } from './privacy.ts';
import { applyStyles, buildCss } from './styles.ts';

export const HOST_TAG = 'nq57-hoi-dap';

export interface Chrome {
  host: HTMLElement;
  launcher: HTMLButtonElement;
  panel: HTMLElement;
  reset: HTMLButtonElement;
  close: HTMLButtonElement;
  log: HTMLElement;
  status: HTMLElement;
  input: HTMLTextAreaElement;
  send: HTMLButtonElement;
  privacy: Privacy;
}

export function buildChrome(o: WidgetOptions, t: Strings): Chrome {
  const host = document.createElement(HOST_TAG);
  host.setAttribute('lang', o.lang);
  const root = host.attachShadow({ mode: 'open' });
  applyStyles(root, buildCss(o.colour));

  const launcher = button('l', [icon('chat'), el('span', null, t.launcher)], t.open);
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', 'nq57-p');
  const reset = button('ib', icon('plus'), t.newChat);
  const close = button('ib', icon('close'), t.close);
  for (const b of [reset, close]) b.setAttribute('title', b.getAttribute('aria-label') as string);
  // Focusable so that keyboard users can scroll a long conversation (SC 2.1.1).
  const log = el('div', { class: 'g', role: 'log', 'aria-live': 'polite', 'aria-label': t.log, tabindex: '0' });
  const status = el('div', { class: 'st', role: 'status' });
  // 16px text: smaller makes iOS zoom the page on focus.
  const input = el('textarea', { rows: '1', maxlength: '1000', 'aria-label': t.input, placeholder: t.placeholder, enterkeyhint: 'send' });
  const send = button('ib', icon('send'), t.send);
  const privacy = privacyPanel(t);
  const panel = el(
    'div',
    { class: 'p', id: 'nq57-p', role: 'dialog', 'aria-label': o.title, hidden: '' },
    el('div', { class: 'hd' }, el('h2', null, o.title), reset, close),
    log,
    status,
    el('div', { class: 'f' }, input, send),
    privacy.node,
  );
  root.append(el('div', { class: o.position === 'bottom-left' ? 'w left' : 'w', lang: o.lang }, launcher, panel));

  input.addEventListener('input', () => {
    // CSSOM, not a style attribute: allowed under any style-src.
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight + 2, 140) + 'px';
  });
  return { host, launcher, panel, reset, close, log, status, input, send, privacy };
}
