/**
 * @module
 * What a generated answer must pass before a citizen sees it (OWASP LLM09, "misinformation"):
 * every sentence cites a source that was given; every number, percentage, date and year,
 * every name of a person or body and every document number it states appears in the
 * sources it cites; no HTML, no link but the sources' official ones; nothing of the system
 * prompt. An answer that fails is replaced by the extractive one, and the reason recorded.
 */
import type { Passage } from '../../ingest/types.ts';
import { canonicalize, documentCodes, looseForm, normalizeVietnamese } from '../../text/index.ts';
import { numberWordsToDigits } from './number-words.ts';

export type CheckFailure =
  | 'empty'
  | 'markup'
  | 'link'
  | 'prompt_leak'
  | 'invalid_citation'
  | 'uncited_sentence'
  | 'unsupported_number'
  | 'unsupported_name'
  | 'unsupported_document';

export interface CheckInput {
  answer: string;
  passages: readonly Passage[];
  /** Official links of the sources' documents (null when unknown), by source number − 1. */
  urls: ReadonlyArray<string | null>;
  systemPrompt: string;
  canary: string;
}

export type CheckResult = { ok: true; answer: string } | { ok: false; reason: CheckFailure; detail: string };

/** Sentences that only say the sources are silent need no citation. */
const SILENCE = /^(?:-\s*)?(?:các\s+)?(?:văn bản|tài liệu|nguồn)(?:\s+\S+){0,3}\s+(?:không|chưa)\s+(?:nêu|đề cập|có thông tin)|^(?:-\s*)?xin lỗi/iu;
const CITATION = /\[(\d+(?:\s*[,;]\s*\d+)*)\]/g;
const LINK = /https?:\/\/[^\s)\]]+|www\.[^\s)\]]+/gi;

/** Plain text as the API promises it: Markdown emphasis and headings removed. */
function plain(text: string): string {
  return text
    .replace(/\*\*|__/g, '')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\r\n?/g, '\n')
    .trim();
}

function sentencesOf(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => line.split(/(?<=[.!?…](?:\s*\[\d+(?:\s*[,;]\s*\d+)*\])*)\s+(?=[\p{Lu}\d"“(-])/u))
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/**
 * Numbers as comparable strings: number words as digits ("bốn mươi" as 40), dates as d/m or
 * d/m/yyyy, "30 phần trăm" as 30%, 1.400 as 1400, 14.5 as 14,5, "1,4 triệu" as 1400000.
 */
function numbersIn(text: string): Set<string> {
  const canonical = canonicalize(numberWordsToDigits(normalizeVietnamese(text))).replace(/(\d)\s*(?:phần trăm|phan tram|%)/gu, '$1%');
  const out = new Set<string>();
  for (const m of canonical.matchAll(/\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?(?:\/\d+(?:\/\d{4})?)?%?/g)) {
    let token = m[0].trim();
    if (token.includes('/')) {
      out.add(token);
      continue;
    }
    token = token.replace(/(\d)[.\s](?=\d{3}(?:\D|$))/g, '$1').replace(/(\d)\.(\d)/g, '$1,$2');
    out.add(token);
    out.add(token.replace(/%$/, ''));
  }
  return out;
}

/** Runs of two or more capitalised syllables: names of people, bodies, places. */
function namesIn(sentence: string): string[] {
  const names: string[] = [];
  const words = sentence.replace(/\[\d+(?:\s*[,;]\s*\d+)*\]/g, ' ').split(/\s+/);
  let run: string[] = [];
  let start = 0;
  const flush = () => {
    // The first word of a sentence is capitalised anyway: a run starting there counts from its second word.
    const from = start === 0 ? 1 : 0;
    if (run.length - from >= 2) names.push(run.slice(from).join(' '));
    run = [];
  };
  words.forEach((raw, i) => {
    const word = raw.replace(/^[("“'-]+|[)"”',.:;!?]+$/g, '');
    if (/^\p{Lu}[\p{Ll}\p{M}]*$/u.test(word) || /^\p{Lu}{2,}$/u.test(word)) {
      if (run.length === 0) start = i;
      run.push(word);
      if (/[,.:;!?)]$/.test(raw)) flush();
    } else flush();
  });
  flush();
  return names;
}

/** The canary, or eight words in a row of the system prompt (`prompt`, loose form) that the sources (`held`, loose form) do not also hold (the resolution's title is in both). */
function leaksPrompt(answer: string, canary: string, prompt: string, held: string): boolean {
  if (answer.includes(canary)) return true;
  const words = looseForm(answer).split(' ').filter(Boolean);
  for (let i = 0; i + 8 <= words.length; i++) {
    const window = ` ${words.slice(i, i + 8).join(' ')} `;
    if (prompt.includes(window) && !held.includes(window)) return true;
  }
  return false;
}

function parseLink(text: string): URL | null {
  try {
    const url = new URL(/^www\./i.test(text) ? `https://${text}` : text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * A link the answer may carry: a source's official URL, or a page under it. Parsed, not
 * compared as text: the same scheme, host and port (so "https://chinhphu.vn.evil.example"
 * is not "https://chinhphu.vn"), no credentials, a path equal to the source's or below it at
 * a "/" ("/qd505/phu-luc", not "/qd505-gia"), and the source's query if it has one. A link
 * written without a scheme ("www.…") may match an http or https source.
 */
function linkWithin(link: string, source: string): boolean {
  const url = parseLink(link);
  const base = parseLink(source);
  if (!url || !base || url.username || url.password) return false;
  const schemeless = /^www\./i.test(link);
  if (url.hostname !== base.hostname || url.port !== base.port || (!schemeless && url.protocol !== base.protocol)) return false;
  if (base.search && url.search !== base.search) return false;
  const path = url.pathname.replace(/\/+$/, '');
  const root = base.pathname.replace(/\/+$/, '');
  return path === root || path.startsWith(`${root}/`);
}

/** What a sentence citing some sources is checked against, from the text of those sources. */
interface Evidence {
  codes: Set<string>;
  numbers: Set<string>;
  loose: string;
}

/**
 * The checks for answers written from these sources: what depends only on the sources and
 * the prompt is prepared once, since a streamed answer is checked again at every sentence.
 */
export function createAnswerChecker(input: Omit<CheckInput, 'answer'>): (answer: string) => CheckResult {
  const prompt = ` ${looseForm(input.systemPrompt)} `;
  const held = ` ${looseForm(input.passages.map((p) => `${p.path.join(' ')} ${p.text}`).join(' '))} `;
  const allowed = input.urls.filter((u): u is string => u !== null);
  const sourceText = input.passages.map((p) => `${p.path.join(' ')}\n${p.text}`);
  const evidenceBySources = new Map<string, Evidence>();
  const evidenceOf = (cited: readonly number[]): Evidence => {
    const numbers = [...new Set(cited)];
    const key = numbers.join(',');
    let evidence = evidenceBySources.get(key);
    if (!evidence) {
      const text = numbers.map((n) => sourceText[n - 1] ?? '').join('\n');
      evidence = { codes: new Set(documentCodes(text)), numbers: numbersIn(text), loose: looseForm(text) };
      evidenceBySources.set(key, evidence);
    }
    return evidence;
  };
  return (text) => {
    const answer = plain(text);
    if (!/[\p{L}\p{N}]/u.test(answer)) return { ok: false, reason: 'empty', detail: 'no text' };
    if (/<\/?[a-z][^>]*>|&lt;|&#x?\d/i.test(answer)) return { ok: false, reason: 'markup', detail: 'HTML in the answer' };
    if (leaksPrompt(answer, input.canary, prompt, held)) return { ok: false, reason: 'prompt_leak', detail: 'system prompt text in the answer' };
    for (const link of answer.match(LINK) ?? []) {
      if (!allowed.some((u) => linkWithin(link.replace(/[.,;:!?]+$/, ''), u))) return { ok: false, reason: 'link', detail: link };
    }
    for (const sentence of sentencesOf(answer)) {
      const cited = [...sentence.matchAll(CITATION)].flatMap((m) => (m[1] ?? '').split(/[,;]/).map((n) => Number(n.trim())));
      for (const n of cited) if (!Number.isInteger(n) || n < 1 || n > input.passages.length) return { ok: false, reason: 'invalid_citation', detail: `[${n}]` };
      // Links were checked above: the digits of a source's address are not figures the answer states.
      const body = sentence.replace(CITATION, ' ').replace(LINK, ' ');
      if (cited.length === 0) {
        if (SILENCE.test(sentence) && numbersIn(body).size === 0) continue;
        return { ok: false, reason: 'uncited_sentence', detail: sentence.slice(0, 80) };
      }
      const evidence = evidenceOf(cited);
      for (const code of documentCodes(body)) if (!evidence.codes.has(code)) return { ok: false, reason: 'unsupported_document', detail: code };
      for (const number of numbersIn(body)) if (!evidence.numbers.has(number)) return { ok: false, reason: 'unsupported_number', detail: number };
      for (const name of namesIn(body)) if (!evidence.loose.includes(looseForm(name))) return { ok: false, reason: 'unsupported_name', detail: name };
    }
    return { ok: true, answer };
  };
}

export function checkAnswer(input: CheckInput): CheckResult {
  return createAnswerChecker(input)(input.answer);
}
