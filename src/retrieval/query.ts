/**
 * @module
 * Builds the weighted terms of a question. A follow-up ("còn năm 2030 thì sao?") borrows
 * the topic of the conversation's previous question at a lower weight, minus whatever the
 * follow-up replaces (a new year or number replaces the old one): earlier turns steer
 * retrieval, they are not pasted into the query.
 */
import { analyze, FOLDED_STOP_FORMS, foldDiacritics, hasDiacritics, normalizeVietnamese, stripQuestionPhrasing } from '../text/index.ts';
import { FOLDED_STOP_WORDS, STOP_WORDS } from '../text/dictionary.ts';
import { type IndexCounts, LEAST_LIKELY, restoreMarks, type Restoration } from './marks.ts';


export interface Query {
  /** The question as asked (normalised). */
  text: string;
  /** Term → weight. */
  terms: Map<string, number>;
  /** Folded content syllables ("~x" terms), for coverage: the question's own, plus the topic it follows up on. */
  content: Set<string>;
  /** The same syllables in reading order, space-joined, for phrase rules (domain words). */
  contentText: string;
  /** The question's own content syllables in reading order (folded, without "~"). */
  ownContent: string[];
  /** Whether the question borrowed terms from an earlier turn. */
  followUp: boolean;
  /** What the vector side embeds: the question, after the previous one when it follows up. */
  embedText: string;
  accented: boolean;
  /**
   * Typed without tone marks, the question's syllables spelled like a stop word ("khi": khi or
   * khỉ, "bao": bao or bảo), with their neighbours: the index decides how each reads
   * (`groundedTerms`). Empty for a question with marks.
   */
  ambiguous: AmbiguousSyllable[];
  /**
   * Typed without tone marks, the question's own tokens, segment by segment: the searcher
   * reads marks back into them from the index (`searchTerms`). Empty for a question with marks.
   */
  segments: string[][];
}

export interface AmbiguousSyllable {
  word: string;
  before?: string;
  after?: string;
}

/** The question's syllables spelled like a stop word, typed without marks, with their neighbours in the same segment. */
function ambiguousSyllables(segments: readonly string[][]): AmbiguousSyllable[] {
  const found: AmbiguousSyllable[] = [];
  for (const segment of segments) {
    segment.forEach((word, i) => {
      // A word with marks (one an abbreviation stands for) is what it is.
      if (!FOLDED_STOP_FORMS.has(word) || hasDiacritics(word)) return;
      const before = segment[i - 1];
      const after = segment[i + 1];
      found.push({ word, ...(before !== undefined && { before }), ...(after !== undefined && { after }) });
    });
  }
  return found;
}

/** How the index reads a question's look-alikes: the ones it holds as content words, with their pairs, and the ones it does not. */
interface Reading {
  content: Set<string>;
  pairs: string[];
  dropped: Set<string>;
}

/**
 * Typed without tone marks, a syllable spelled like a stop word is a content word where the
 * index holds it beside its neighbour, as a text with marks would have it ("xuong khi": xương
 * khỉ, "la dua": lá dứa, "nen tang": nền tảng): it is searched, with those pairs, and counts
 * towards how much of the question a passage covers. Where a content neighbour could have
 * paired with it and the index never does ("trong ke hoach"), it is the function word and is
 * left out: as a term it only matched passages holding the content reading ("trọng", "não").
 * With nothing but other look-alikes beside it ("thay the cai gi") there is no evidence, and it
 * stays a search term, as before. On public QA sets (eval/vire.ts) this cut what a question
 * loses for being typed without marks from 1.3 / 1.8 / 1.2 to 1.1 / 1.2 / 0.6 MRR@10, changing
 * nothing with marks.
 */
function readAmbiguous(ambiguous: readonly AmbiguousSyllable[], documentFrequency: (term: string) => number): Reading {
  const reading: Reading = { content: new Set(), pairs: [], dropped: new Set() };
  for (const { word, before, after } of ambiguous) {
    const pairs = [before !== undefined ? `~${foldDiacritics(before)} ${word}` : null, after !== undefined ? `~${word} ${foldDiacritics(after)}` : null].filter(
      (pair): pair is string => pair !== null && documentFrequency(pair) > 0,
    );
    if (pairs.length > 0) {
      reading.content.add(word);
      reading.pairs.push(...pairs);
    } else if (!FOLDED_STOP_WORDS.has(word) && [before, after].some((n) => n !== undefined && !FOLDED_STOP_FORMS.has(n))) {
      reading.dropped.add(word);
    }
  }
  // A syllable read both ways in one question ("trong … trong") is searched.
  for (const word of reading.content) reading.dropped.delete(word);
  return reading;
}

/** The terms with the look-alikes read: content ones searched with their pairs, function ones left out. */
function readTerms(terms: ReadonlyMap<string, number>, reading: Reading): Map<string, number> {
  const read = new Map(terms);
  // Only the question's own words (weight 1): an earlier question's "trọng" stays.
  for (const word of reading.dropped) {
    for (const term of [`~${word}`, word]) if ((read.get(term) ?? 0) >= 1) read.delete(term);
  }
  for (const term of [...[...reading.content].map((w) => `~${w}`), ...reading.pairs]) read.set(term, Math.max(read.get(term) ?? 0, 1));
  return read;
}

/**
 * The query's terms as the index reads them (`readAmbiguous`), for a query built without the
 * index at hand (one question, as the LangChain retriever and eval/vire.ts ask); a query built
 * with it has read them already, before borrowing an earlier question's words.
 */
export function groundedTerms(query: Query, documentFrequency: (term: string) => number): ReadonlyMap<string, number> {
  if (query.ambiguous.length === 0) return query.terms;
  return readTerms(query.terms, readAmbiguous(query.ambiguous, documentFrequency));
}

/**
 * Marks read back into a question, per index: the answerer searches one question several
 * times (its parts, a page's document, the whole corpus), and copies of a query share its
 * segments.
 */
const restorations = new WeakMap<readonly string[][], WeakMap<IndexCounts, Restoration>>();

function restorationOf(segments: readonly string[][], index: IndexCounts): Restoration {
  let byIndex = restorations.get(segments);
  if (!byIndex) restorations.set(segments, (byIndex = new WeakMap()));
  let restoration = byIndex.get(index);
  if (!restoration) byIndex.set(index, (restoration = restoreMarks(segments, index)));
  return restoration;
}

/** What BM25 searches for a query, and the terms whose idf counts towards how much of it a passage covers. */
export interface SearchTerms {
  terms: ReadonlyMap<string, number>;
  /** The query's content syllables ("~x"), without a look-alike read as a function word here. */
  content: ReadonlySet<string>;
  /**
   * Typed with marks, the same syllables as spelled (`spelledContent`): "thủ" where content
   * has "~thu". Absent for a question typed without marks.
   */
  spelled?: ReadonlySet<string>;
}

/**
 * What BM25 searches for a query: its terms with the look-alikes read (`groundedTerms`) and,
 * typed without marks, with marks read back from the index (`restoreMarks`): the marked
 * spellings are added at their probability beside the folded terms, which keep their weight
 * (a wrong reading is only ever added, never substituted), and a look-alike that reads as a
 * function word is left out, from the search and from coverage alike; the word as typed is
 * weighed as one more spelling (`weighAsTyped`). On public QA sets (eval/vire.ts) this cut
 * what a question loses for being typed without marks from 1.1 / 1.2 / 0.6 to
 * 0.35 / 0.51 / 0.13 MRR@10, and weighing the word as typed to 0.35 / 0.25 / −0.01,
 * changing nothing with marks.
 */
export function searchTerms(query: Query, index: IndexCounts): SearchTerms {
  const grounded = groundedTerms(query, (term) => index.documentFrequency(term));
  if (query.segments.length === 0) return { terms: grounded, content: query.content, ...(query.accented && { spelled: spelledContent(query, index) }) };
  const restoration = restorationOf(query.segments, index);
  const terms = withoutFunctionWords(grounded, restoration.functionWords, query.segments);
  for (const [term, { probability, typed }] of restoration.terms) {
    // A spelling weighs its probability times its folded term's weight: a word weighted down
    // (one that only names the document) or left out (a function word) stays so, marked.
    const weight = probability * (terms.get(`~${typed}`) ?? 0);
    if (weight > (terms.get(term) ?? 0)) terms.set(term, weight);
  }
  weighAsTyped(terms, restoration.typed);
  if (restoration.functionWords.size === 0) return { terms, content: query.content };
  return { terms, content: new Set([...query.content].filter((term) => !restoration.functionWords.has(term.slice(1)))) };
}

/**
 * Typed with marks, a syllable is the word it spells: "Thủ đô của Pháp" shares "thủ" and "đô"
 * with no passage, though many say "thứ", "độ" and "pháp". Each content syllable the question
 * spells one way with marks, as a word the index holds, in place of its folded form.
 */
function spelledContent(query: Query, index: IndexCounts): ReadonlySet<string> {
  const spellings = new Map<string, string[]>();
  for (const term of query.terms.keys()) {
    if (term.includes(' ') || /^[~^%]/.test(term) || !hasDiacritics(term)) continue;
    const folded = foldDiacritics(term);
    spellings.set(folded, [...(spellings.get(folded) ?? []), term]);
  }
  const spelled = new Set<string>();
  for (const term of query.content) {
    const written = spellings.get(term.slice(1));
    const word = written?.length === 1 ? written[0] : undefined;
    spelled.add(word !== undefined && index.documentFrequency(word) > 0 ? word : term);
  }
  return spelled;
}

/**
 * A word as typed without marks is one of its spellings, and weighs as they do: its
 * probability times its folded term's weight (a pair, the lesser of its two syllables'),
 * left out under `LEAST_LIKELY`. The analyzer searches "thu" in "thu vien" as certain, and
 * bare "thu" (to collect) is rarer than "thư", so weightier: a passage about fees matched the
 * library question's first word better than the library's own passage did. A syllable the
 * index never writes bare matches nothing as typed, and is left as it is.
 */
function weighAsTyped(terms: Map<string, number>, typed: ReadonlyMap<string, number>): void {
  if (typed.size === 0) return;
  const bare = (token: string) => typed.get(token) ?? 1;
  for (const [term, weight] of [...terms]) {
    if (term.startsWith('~') || term.startsWith('^') || term.startsWith('%')) continue;
    const space = term.indexOf(' ');
    const probability = space < 0 ? bare(term) : Math.min(bare(term.slice(0, space)), bare(term.slice(space + 1)));
    if (probability === 1) continue;
    const read = probability * (terms.get(`~${term}`) ?? 0);
    if (read < LEAST_LIKELY) terms.delete(term);
    else if (read < weight) terms.set(term, read);
  }
}

/**
 * The terms without the question's own look-alikes that read as function words ("co" in
 * "sinh vien co the": có), alone or in pairs, and with the pairs across function words
 * ("^vien the") as the question with marks has them.
 */
function withoutFunctionWords(terms: ReadonlyMap<string, number>, functionWords: ReadonlySet<string>, segments: readonly string[][]): Map<string, number> {
  const read = new Map(terms);
  if (functionWords.size === 0) return read;
  // Only the question's own terms (weight 1): an earlier question's stay as they are. A term
  // is one syllable or a pair of two.
  for (const [term, weight] of terms) {
    if (weight < 1) continue;
    const body = term.startsWith('~') ? term.slice(1) : term;
    const space = body.indexOf(' ');
    const named = space < 0 ? functionWords.has(body) : functionWords.has(body.slice(0, space)) || functionWords.has(body.slice(space + 1));
    if (term.startsWith('^') || named) read.delete(term);
  }
  // Between a pair: stop words (as written, where an abbreviation wrote them: "và", "được"),
  // and look-alikes not searched as content words.
  const skipped = (token: string) => (hasDiacritics(token) ? STOP_WORDS.has(token) : FOLDED_STOP_FORMS.has(token) && !read.has(`~${token}`));
  for (const segment of segments) {
    for (let i = 0; i < segment.length; i++) {
      const token = segment[i] as string;
      if (skipped(token)) continue;
      let k = i + 1;
      while (k < segment.length && skipped(segment[k] as string)) k++;
      const after = segment[k];
      if (k > i + 1 && after !== undefined) read.set(`^${foldDiacritics(token)} ${foldDiacritics(after)}`, 1);
    }
  }
  return read;
}

const FOLLOW_UP_START = /^(?:ngoài ra,? |ngoai ra,? |bên cạnh đó,? |ben canh do,? |thế |the |vậy |vay |còn |con |thế còn |the con |vậy còn |vay con |và |va |the thi |thế thì |con ve |còn về |còn đối với |con doi voi )/;
// "người đó", "tổ ấy", "văn bản này": a demonstrative points back to the previous turn.
const POINTS_BACK = /\s(?:đó|ấy|kia|này)(?:\s|$|[?.,!])|(?:^|\s)(?:nó|họ|ổng|bả|còn lại)(?:\s|$|[?.,!])/;
// Typed without tone marks "đó" is "do", which also means "by": only a noun + "do/ay" at the end counts.
// "ấy" has no other reading; "nó", "họ" opening a question are the subject pointed back to; "đó" after
// a noun that can be pointed at ("ngày đó", "ông đó") is one
// unless "do" means "by" ("cơ quan do UBND lập").
const POINTS_BACK_FOLDED = new RegExp(
  [
    /\s(?:do|ay|kia)(?:\s+(?:vay|a|nhi|the|nhe|ha))?\s*\??$/.source,
    /\s(?:do|ay)\s+(?:co|phai|lam|giup|duoc|thi|la|gom|ra|ky|o)\s/.source,
    /(?:^|\s)(?:trong do)\s/.source,
    /\say(?=\s|$|[?.,!])/.source,
    /^(?:no|ho)\s/.source,
    /(?:^|\s)con lai(?=\s|$|[?.,!])/.source,
    /(?:^|\s)(?:ngay|ong|ba|nguoi|phuong|xa|so|ban|cai|viec|van ban|ke hoach|nghi quyet|quyet dinh|chuong trinh|phong trao|trang|nen tang|muc tieu|chi tieu|hoi nghi|luat|de an|trung tam|su kien|giai thuong|nam|thang|to|mo hinh|cuoc thi|linh vuc|nhiem vu|chinh sach|co che)\s+do(?!\s+(?:ai|nguoi|ubnd|uy|bo|so|ban|chinh|thu|tong|quoc|hoi|co|cac|tinh|dang|nha))(?=\s|$|[?.,!])/.source,
  ].join('|'),
);
const FOLLOW_UP_END = /(?:thì sao|thi sao|thì thế nào|thi the nao|thì như thế nào|thi nhu the nao|thì sao ạ|thi sao a|nữa không|nua khong)\s*\??$/;
/** Weights of the previous question's terms and of the one before it. */
const CONTEXT_WEIGHTS = [0.8, 0.4];
const ORDINAL = / thu (?:nhat|hai|ba|tu|nam|sau|bay|tam|chin|muoi) | dau tien | cuoi cung /;
/** Words of an ordinal ("thứ nhất", "đầu tiên"), folded; "năm" is left out (it is also "year"). */
const ORDINAL_WORDS = new Set(['thu', 'nhat', 'hai', 'ba', 'tu', 'sau', 'bay', 'tam', 'chin', 'muoi', 'dau', 'tien', 'cuoi']);

/** What kind of number a term holds: a year, a document's code ("nq57"), another number, or none. */
function numberKind(term: string): 'year' | 'code' | 'number' | null {
  for (const syllable of term.replace(/^[~^]/, '').split(' ')) {
    if (/^(?:19|20)\d\d$/.test(syllable)) return 'year';
    if (/^\p{L}+\d+$/u.test(syllable)) return 'code';
    if (/\d/.test(syllable)) return 'number';
  }
  return null;
}
const NOW = /(?<!\p{L})(?:hiện nay|hiện giờ|bây giờ|hien nay|hien gio|bay gio)(?!\p{L})/gu;
const SIGNED = /(?:^|\s)(?:ai|nguoi|duoc|da|chua) ky(?:\s|$|[?.,!])|(?:^|\s)ky (?:ngay|hom|khi|luc|boi|ban hanh|thay)(?:\s|$)/;
const SIGNED_TERMS = ['ký', 'người ký'];

/**
 * "mấy tháng (phải báo cáo) một lần", on folded text: how often is asked, with words the documents do not use
 * ("định kỳ", "hằng năm"). The answerer reads the same words as a how-often question.
 */
export const HOW_OFTEN_ASKED = /(bao lau|(?:may|bao nhieu|bn) (?:ngay|tuan|thang|quy|nam))((?: \S+){0,4}?) ((?:mot|1) lan)(?=\s|$|[?.,!])/;

/** The question without the words that ask how often (they say what kind of fact, not what it is about). */
function withoutHowOften(text: string): string {
  const folded = foldDiacritics(text.toLowerCase());
  const match = HOW_OFTEN_ASKED.exec(folded);
  // (Folding keeps the length of NFC text letter for letter; else the text is left as it is.)
  if (!match || folded.length !== text.length) return text;
  const start = match.index;
  const middle = start + (match[1] ?? '').length;
  const end = start + match[0].length;
  return `${text.slice(0, start)} ${text.slice(middle, middle + (match[2] ?? '').length)} ${text.slice(end)}`;
}

/** Whether a question leans on the previous turn to be understood. */
export function isFollowUp(question: string, contentTerms: number): boolean {
  const q = normalizeVietnamese(question).trim();
  const folded = foldDiacritics(q);
  return FOLLOW_UP_START.test(q) || FOLLOW_UP_START.test(folded) || FOLLOW_UP_END.test(q) || FOLLOW_UP_END.test(folded) || POINTS_BACK.test(q) || (folded === q && POINTS_BACK_FOLDED.test(q)) || contentTerms <= 1;
}

/**
 * The query for a question, with the earlier questions of its conversation. `assumeFollowUp`
 * reads it as a follow-up even without a word pointing back (the caller knows better: a
 * question with no subject of its own, asked right after one about the subject).
 */
export function buildQuery(question: string, previousQuestions: readonly string[] = [], assumeFollowUp = false, documentFrequency?: (term: string) => number): Query {
  // "hiện nay", "bây giờ" say when, not what: the kind of fact and the alignment read them from the question.
  const stripped = withoutHowOften(stripQuestionPhrasing(question)).replace(NOW, ' ').trim();
  const own = analyze(stripped || question);
  const accented = hasDiacritics(question);
  const found = accented ? [] : ambiguousSyllables(own.segments);
  // Read against the index when it is at hand; else the searcher reads them (`groundedTerms`).
  const reading = documentFrequency && found.length > 0 ? readAmbiguous(found, documentFrequency) : null;
  const asWritten = new Map(own.terms.map((t) => [t, 1]));
  const terms = reading ? readTerms(asWritten, reading) : asWritten;
  // Typed without tone marks, filler words ("thi", "phai", "dung") cannot be told from content
  // words, so they stay search terms but do not count towards how much of the question is covered,
  // unless the index reads them as content words ("nen tang").
  // …and if that leaves nothing: "nghi quyet nay thay the cai gi" asks about "thay thế", whatever else "thay" may be.
  const words = (read: boolean) => {
    if (accented) return own.content;
    const plain = own.content.filter((c) => !FOLDED_STOP_FORMS.has(c) || (read && reading?.content.has(c)));
    return plain.length === 0 ? own.content : plain;
  };
  const ownContent = words(true);
  const content = new Set(ownContent.map((c) => `~${c}`));
  // Whether it follows up is read from its words before the index reads them: a caller without the index agrees.
  const followUp = previousQuestions.length > 0 && (assumeFollowUp || isFollowUp(question, new Set(words(false)).size));
  // "do ai ky" typed without marks reads "ký" (signed) as readily as "kỳ" (period): a who-signed
  // question means "ký", so the marked word is searched too, as a question with marks would have it.
  if (!accented && SIGNED.test(foldDiacritics(normalizeVietnamese(question)))) for (const term of SIGNED_TERMS) terms.set(term, 1);
  let contentText = ownContent.join(' ');
  if (followUp) {
    // A new year replaces the old one ("còn năm 2030?"), a new number the old number; a count
    // ("3 cái còn lại") does not replace the document the conversation is about (nq57).
    const ownKinds = new Set(own.content.map(numberKind).filter((k) => k !== null));
    // "thế nhóm thứ sáu?" after "nhóm đầu tiên là gì?": a new ordinal replaces the old one too.
    const ownOrdinal = ORDINAL.test(` ${own.content.join(' ')} `);
    const replaced = (term: string) => {
      const kind = numberKind(term);
      if (ownOrdinal && term.replace(/^[~^]/, '').split(' ').some((w) => ORDINAL_WORDS.has(foldDiacritics(w)))) return true;
      return kind !== null && ownKinds.has(kind);
    };
    previousQuestions
      .slice(-CONTEXT_WEIGHTS.length)
      .reverse()
      .forEach((previous, age) => {
        const weight = CONTEXT_WEIGHTS[age] ?? 0;
        const earlier = analyze(stripQuestionPhrasing(previous));
        for (const term of earlier.terms) {
          if (terms.has(term) || replaced(term)) continue;
          terms.set(term, weight);
        }
        if (age > 0) return;
        for (const c of earlier.content) if (!replaced(c)) content.add(`~${c}`);
        contentText = `${earlier.content.join(' ')} ${contentText}`;
      });
  }
  const text = normalizeVietnamese(question);
  const embedText = followUp ? `${normalizeVietnamese(previousQuestions.at(-1) ?? '')} ${text}` : text;
  const ambiguous = reading ? [] : found;
  return { text, terms, content, contentText, ownContent, followUp, embedText, accented, ambiguous, segments: accented ? [] : own.segments };
}
