/**
 * @module
 * The conversation: sending (one question at a time), streaming the answer in, errors with
 * a retry that re-sends the same question, suggestions, read aloud, and persistence.
 */
import { askQuestion, fetchMessages, type AskFailure, type ChatRequest } from './api.ts';
import { el } from './dom.ts';
import { feedbackRow } from './feedback.ts';
import { stringsFor } from './i18n.ts';
import { botBubble, errorNotice, fillBot, speakButton, streamText, suggestionChips, userBubble } from './messages.ts';
import type { WidgetOptions } from './options.ts';
import { createSpeech } from './speech.ts';
import { loadConversation, saveConversation } from './storage.ts';
import { toBotMessage, type BotMessage, type Message } from './types.ts';
import { buildChrome } from './view.ts';

const SLOW_HINT_MS = 3000;
/** While the panel is open, staff answers are looked for this often (and on opening, and on reload). */
const POLL_MS = 30_000;

interface BotEntry {
  m: BotMessage;
  bubble: HTMLElement;
  row: HTMLElement;
  speak?: HTMLButtonElement;
}

export function mountWidget(o: WidgetOptions): void {
  const t = stringsFor(o.lang);
  const ui = buildChrome(o, t);
  const log = ui.log;
  const input = ui.input;
  const status = ui.status;
  const saved = loadConversation(o.api);
  let conversationId = saved.conversationId;
  let messages: Message[] = [];
  let bots: BotEntry[] = [];
  /** The request in flight; while set, sending does nothing. */
  let active: AbortController | null = null;
  let errorBox: HTMLElement | null = null;
  let chips: HTMLElement | null = null;
  const speech = createSpeech(syncSpeech);
  let pollTimer: ReturnType<typeof setInterval> | undefined;
  let polling = false;

  const persist = () => {
    ui.privacy.setId(conversationId);
    saveConversation(o.api, { conversationId, messages, open: !ui.panel.hidden });
  };
  const nearEnd = () => log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  const scrollEnd = () => {
    log.scrollTop = log.scrollHeight;
  };
  const drop = (node: HTMLElement | null) => {
    if (node) node.remove();
    return null;
  };

  function setChips(questions: string[]) {
    chips = drop(chips);
    chips = suggestionChips(t, questions, (q) => {
      input.focus();
      void send(q);
    });
    if (chips) log.append(chips);
  }

  function syncSpeech() {
    const can = speech.available();
    for (const b of bots) {
      if (can && !b.speak) b.row.prepend((b.speak = speakButton(t, speech, b.m.text)));
      else if (!can && b.speak) b.speak = drop(b.speak) || undefined;
    }
  }

  /**
   * Shows a bot message, or replaces the one with the same id: answers that arrive later
   * (a staff answer fetched by polling) go through here too.
   */
  function showBot(m: BotMessage, bubble?: HTMLElement) {
    const known = bots.find((b) => b.m.id === m.id);
    const entry: BotEntry = { m, bubble: bubble || (known ? known.bubble : botBubble(t)), row: feedbackRow(t, o.api, m, persist) };
    fillBot(t, entry.bubble, m, entry.row);
    if (known) {
      bots = bots.map((b) => (b === known ? entry : b));
      messages = messages.map((x) => (x.id === m.id ? m : x));
    } else {
      bots.push(entry);
      messages.push(m);
      if (!entry.bubble.parentNode) log.append(entry.bubble);
    }
    syncSpeech();
  }

  function addUser(text: string) {
    messages.push({ role: 'user', id: 'u' + Date.now().toString(36) + messages.length, text });
    log.append(userBubble(t, text));
  }

  function showError(f: AskFailure, question: string) {
    errorBox = errorNotice(t, f, () => {
      // The button goes away with the error: keep focus in the widget.
      input.focus();
      void send(question, true);
    });
    log.append(errorBox);
    scrollEnd();
  }

  async function send(question: string, retry = false) {
    const q = question.trim();
    if (active || !q) return;
    const mine = (active = new AbortController());
    ui.send.setAttribute('aria-disabled', 'true');
    errorBox = drop(errorBox);
    chips = drop(chips);
    if (!retry) {
      addUser(q);
      persist();
    }
    scrollEnd();
    status.textContent = t.thinking;
    // Streamed text stays hidden from screen readers: the log announces the finished answer once.
    const s: { bubble?: HTMLElement; text?: Text } = {};
    const slow = setTimeout(() => {
      if (!s.text) status.textContent = t.slow;
    }, SLOW_HINT_MS);
    const body: ChatRequest = { message: q };
    if (conversationId) body.conversationId = conversationId;
    if (o.documentId) body.context = { documentId: o.documentId };
    try {
      const r = await askQuestion(
        o.api,
        body,
        (piece) => {
          const follow = nearEnd();
          if (!s.text) {
            s.bubble = botBubble(t);
            s.bubble.setAttribute('aria-hidden', 'true');
            log.append(s.bubble);
            s.text = streamText(s.bubble);
            status.textContent = t.thinking;
          }
          s.text.data += piece;
          if (follow) scrollEnd();
        },
        mine.signal,
      );
      if (mine.signal.aborted) return;
      conversationId = r.conversationId;
      const m = toBotMessage(r);
      showBot(m, s.bubble);
      if (s.bubble) s.bubble.removeAttribute('aria-hidden');
      setChips(m.suggestions);
      persist();
    } catch (e) {
      if (s.bubble) s.bubble.remove();
      if (!mine.signal.aborted) showError(e as AskFailure, q);
    } finally {
      clearTimeout(slow);
      if (active === mine) {
        active = null;
        ui.send.removeAttribute('aria-disabled');
        status.textContent = '';
      }
    }
  }

  /** Staff answers that joined the conversation since the last one seen (shown with their label). */
  async function poll() {
    const id = conversationId;
    if (!id || polling || document.hidden) return;
    polling = true;
    const seen = messages.filter((m) => m.role === 'bot' && m.method === 'staff').pop();
    const found = await fetchMessages(o.api, id, seen && seen.id);
    polling = false;
    // A new conversation was started meanwhile: these belong to the old one.
    if (id !== conversationId || !found) return;
    if (found === 'gone') {
      clearInterval(pollTimer);
      return;
    }
    const follow = nearEnd();
    for (const r of found) showBot(toBotMessage(r));
    if (found.length) {
      persist();
      if (follow) scrollEnd();
    }
  }

  function submit() {
    if (active || !input.value.trim()) return;
    const q = input.value;
    input.value = '';
    input.style.height = '';
    void send(q);
  }

  function render(list: Message[]) {
    log.append(el('div', { class: 'm b' }, el('p', null, o.greeting)));
    for (const m of list) {
      if (m.role === 'bot') showBot(m);
      else {
        messages.push(m);
        log.append(userBubble(t, m.text));
      }
    }
    const last = messages[messages.length - 1];
    setChips(!last ? o.suggestions : last.role === 'bot' ? last.suggestions : []);
  }

  function setOpen(open: boolean, focus: boolean) {
    ui.panel.hidden = !open;
    ui.launcher.hidden = open;
    ui.launcher.setAttribute('aria-expanded', String(open));
    persist();
    clearInterval(pollTimer);
    if (open) {
      pollTimer = setInterval(poll, POLL_MS);
      void poll();
      scrollEnd();
      if (focus) input.focus();
    } else {
      speech.stop();
      if (focus) ui.launcher.focus();
    }
  }

  ui.launcher.addEventListener('click', () => setOpen(true, true));
  ui.close.addEventListener('click', () => setOpen(false, true));
  ui.panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' || e.key === 'Esc') {
      e.preventDefault();
      setOpen(false, true);
    }
  });
  ui.reset.addEventListener('click', () => {
    if (active) active.abort();
    active = null;
    ui.send.removeAttribute('aria-disabled');
    status.textContent = '';
    speech.stop();
    conversationId = null;
    messages = [];
    bots = [];
    errorBox = chips = null;
    log.textContent = '';
    render([]);
    persist();
    input.focus();
  });
  input.addEventListener('keydown', (e) => {
    // Enter sends, Shift+Enter is a new line; never mid-composition (Vietnamese IMEs use Enter).
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    if (!e.repeat) submit();
  });
  ui.send.addEventListener('click', submit);

  render(saved.messages);
  ui.privacy.setId(conversationId);
  document.body.append(ui.host);
  if (saved.open) setOpen(true, false);
  else void poll();
}
