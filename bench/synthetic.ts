/**
 * @module
 * A synthetic corpus for `npm run bench -- --passages N`, drawn from the real one. Bullets
 * are written by a syllable trigram model (backing off to bigrams now and then, so that
 * sentences recombine instead of repeating the corpus verbatim) trained on the real
 * passages; headings, how many sections and bullets a document has, bullet lengths,
 * agencies, years and front matter are drawn from the real documents. Random strings would
 * make the measurement meaningless: every term would be rare for BM25, and random vectors
 * have no neighbourhoods for HNSW (performance.md §3). Deterministic for a seed.
 */
import type { Corpus, CorpusFile } from '../src/ingest/corpus.ts';
import type { DocumentMeta } from '../src/ingest/types.ts';
import { pick, seededRandom } from './measure.ts';

const START = '\u0002';
const END = '\u0003';
const SEP = '\u0001';
/** Share of steps that follow the bigram instead of the trigram. */
const BACKOFF = 0.3;
const NUMBERING = /^(?:[IVXLC]+|\d+(?:\.\d+)*)\.\s+/;
const TYPES = ['Kế hoạch', 'Quyết định', 'Báo cáo', 'Hướng dẫn', 'Tài liệu tóm lược', 'Thông báo'];
const TYPE_CODES: Record<string, string> = { 'Kế hoạch': 'KH', 'Quyết định': 'QĐ', 'Báo cáo': 'BC', 'Hướng dẫn': 'HD', 'Thông báo': 'TB' };
const COMPONENT = String.raw`\p{Lu}\p{Ll}*(?: (?!là |có |được |đã |sẽ |về |các |của |tỉnh |huyện |xã |và )\p{Ll}+)?`;
const AGENCY = new RegExp(
  String.raw`(?<![\p{L}])(?:Sở|Bộ|Ban|Trung tâm|Đài|Báo|Hội|Văn phòng|Ủy ban nhân dân|UBND)(?: ${COMPONENT}(?:(?:, | và | )${COMPONENT})*)?(?: (?:tỉnh|huyện|xã) \p{Lu}\p{Ll}*(?: \p{Lu}\p{Ll}*)*)?`,
  'gu',
);
const AGENCY_LIST_BREAK = /, (?=(?:Sở|Bộ|Ban|Trung tâm|Đài|Báo|Hội|Văn phòng) )/u;
const YEAR = /(?<!\d)((?:19[4-9]|20[0-4])\d)(?!\d)/g;
/** Where synthetic documents live: after every real document in buildCorpus's order, so cutting the tail cuts only them. */
export const SYNTHETIC_DIR = 'documents/zz-synthetic/';

/** What is learnt from the real corpus. */
interface RealShape {
  sentences: string[][];
  topHeadings: string[];
  subHeadings: string[];
  topsPerDocument: number[];
  subsPerTop: number[];
  blocksPerSection: number[];
  wordsPerBlock: number[];
  agencies: string[];
  years: string[];
  metas: DocumentMeta[];
}

function learnShape(real: Corpus): RealShape {
  const passages = real.passages.filter((p) => !p.id.endsWith(':thong-tin-van-ban'));
  const lines = passages.flatMap((p) => p.text.split('\n'));
  const shape: RealShape = {
    sentences: lines.map((l) => l.replace(/^- /, '').split(/\s+/).filter(Boolean)),
    topHeadings: [...new Set(passages.map((p) => p.path[0] ?? '').filter(Boolean))].map((h) => h.replace(NUMBERING, '')),
    subHeadings: [...new Set(passages.map((p) => p.path[1] ?? '').filter(Boolean))].map((h) => h.replace(NUMBERING, '')),
    topsPerDocument: [],
    subsPerTop: [],
    blocksPerSection: [],
    wordsPerBlock: lines.map((l) => l.split(/\s+/).length),
    agencies: [],
    years: [],
    metas: real.documents,
  };
  for (const doc of real.documents) {
    const own = passages.filter((p) => p.documentId === doc.id);
    const tops = [...new Set(own.map((p) => p.path[0] ?? ''))];
    shape.topsPerDocument.push(tops.length);
    for (const top of tops) shape.subsPerTop.push(new Set(own.filter((p) => p.path[0] === top && p.path[1]).map((p) => p.path[1])).size);
    const sections = new Map<string, number>();
    for (const p of own) sections.set(p.path.slice(0, 2).join('\n'), (sections.get(p.path.slice(0, 2).join('\n')) ?? 0) + p.text.split('\n').length);
    shape.blocksPerSection.push(...sections.values());
  }
  const text = passages.map((p) => `${p.path.join('\n')}\n${p.text}`).join('\n');
  const found = [...text.matchAll(AGENCY)].flatMap((m) => m[0].split(AGENCY_LIST_BREAK)).filter((a) => a.split(' ').length >= 3 && a.split(' ').length <= 9);
  shape.agencies = [...new Set([...found, ...real.documents.flatMap((d) => (d.issuer ? [d.issuer] : []))])];
  shape.years = [...text.matchAll(YEAR)].map((m) => m[1] as string);
  return shape;
}

class SyllableModel {
  private readonly trigrams = new Map<string, string[]>();
  private readonly bigrams = new Map<string, string[]>();

  constructor(sentences: readonly string[][]) {
    const add = (map: Map<string, string[]>, key: string, next: string) => {
      const list = map.get(key);
      if (list) list.push(next);
      else map.set(key, [next]);
    };
    for (const words of sentences) {
      const seq = [START, START, ...words, END];
      for (let i = 2; i < seq.length; i++) {
        add(this.trigrams, `${seq[i - 2]}${SEP}${seq[i - 1]}`, seq[i] as string);
        add(this.bigrams, seq[i - 1] as string, seq[i] as string);
      }
    }
  }

  /** One bullet of about `target` syllables: sentences are chained until it is long enough. */
  write(random: () => number, target: number): string {
    const words: string[] = [];
    let [a, b] = [START, START];
    while (words.length < target * 1.6 + 4) {
      const trigram = this.trigrams.get(`${a}${SEP}${b}`);
      const options = (b !== START && random() < BACKOFF) || !trigram ? (this.bigrams.get(b) ?? [END]) : trigram;
      const next = pick(random, options);
      if (next === END) {
        if (words.length >= Math.max(4, target * 0.6)) break;
        if (words.length > 0 && !/[.!?;:]$/.test(words[words.length - 1] as string)) words[words.length - 1] += '.';
        [a, b] = [START, START];
        continue;
      }
      words.push(next);
      [a, b] = [b, next];
    }
    return `${words.join(' ').replace(/[,;:–-]+$/, '')}${/[.!?]$/.test(words[words.length - 1] ?? '') ? '' : '.'}`;
  }
}

function roman(n: number): string {
  const numerals: Array<[number, string]> = [[10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [value, symbol] of numerals) while (n >= value) [out, n] = [out + symbol, n - value];
  return out;
}

/** Writes markdown documents shaped like `corpus/documents/*.md`. */
export class SyntheticWriter {
  private readonly shape: RealShape;
  private readonly model: SyllableModel;
  private readonly random: () => number;

  constructor(real: Corpus, seed: number) {
    this.shape = learnShape(real);
    this.model = new SyllableModel(this.shape.sentences);
    this.random = seededRandom(seed);
  }

  /** How much was learnt from the real corpus, for the summary line. */
  get realStats(): { sentences: number; agencies: number; years: number; headings: number } {
    const s = this.shape;
    return { sentences: s.sentences.length, agencies: s.agencies.length, years: new Set(s.years).size, headings: s.topHeadings.length + s.subHeadings.length };
  }

  private heading(real: string): string {
    const r = this.random();
    if (r < 0.5) return real;
    if (r < 0.75) return `${real} của ${pick(this.random, this.shape.agencies)}`;
    return `${real} năm ${pick(this.random, this.shape.years)}`;
  }

  private blocks(): string[] {
    const count = Math.max(1, pick(this.random, this.shape.blocksPerSection));
    return Array.from({ length: count }, () => {
      const text = this.model.write(this.random, pick(this.random, this.shape.wordsPerBlock));
      return this.random() < 0.85 ? `- ${text}` : text;
    });
  }

  private frontMatter(): string {
    const s = this.shape;
    const type = pick(this.random, TYPES);
    const agency = pick(this.random, s.agencies);
    const year = pick(this.random, s.years);
    const real = pick(this.random, s.metas);
    const subject = this.model.write(this.random, 10 + Math.floor(this.random() * 10)).replace(/[.!?]$/, '');
    const code = TYPE_CODES[type];
    const fields: Record<string, string | null> = {
      title: `${type} ${subject}`,
      shortTitle: `${type} ${subject.split(' ').slice(0, 8).join(' ')}`,
      type,
      number: code ? `${1 + Math.floor(this.random() * 300)}/${code}-${agency.split(' ')[0]}` : null,
      issuer: agency,
      signer: real.signer,
      signerTitle: real.signerTitle,
      date: `${1 + Math.floor(this.random() * 28)}/${1 + Math.floor(this.random() * 12)}/${year}`,
      url: null,
      compiledBy: this.random() < 0.5 ? real.compiledBy : null,
    };
    // A JSON string is a valid YAML double-quoted scalar, so quotes in the text need no care.
    return Object.entries(fields)
      .map(([k, v]) => `${k}: ${v === null ? 'null' : JSON.stringify(v)}`)
      .join('\n');
  }

  /** The `n`th document. */
  next(n: number): CorpusFile {
    const s = this.shape;
    const lines = ['---', this.frontMatter(), '---'];
    const tops = Math.max(1, pick(this.random, s.topsPerDocument));
    for (let t = 1; t <= tops; t++) {
      lines.push(`# ${roman(t)}. ${this.heading(pick(this.random, s.topHeadings))}`);
      const subs = pick(this.random, s.subsPerTop);
      if (subs === 0) lines.push(...this.blocks().flatMap((b) => [b, '']));
      for (let i = 1; i <= subs; i++) {
        lines.push('', `## ${i}. ${this.heading(pick(this.random, s.subHeadings))}`);
        lines.push(...this.blocks().flatMap((b) => [b, '']));
      }
      lines.push('');
    }
    return { path: `${SYNTHETIC_DIR}tong-hop-${String(n).padStart(6, '0')}.md`, content: lines.join('\n') };
  }
}
