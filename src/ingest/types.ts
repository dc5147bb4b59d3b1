/**
 * @module
 * Shapes of the corpus: document metadata, passages (chunks) and FAQ entries, with the
 * zod schemas that validate what staff write in `corpus/`.
 */
import { z } from 'zod';

const nullableText = z.string().trim().min(1).nullable().default(null);

export const erratumSchema = z.object({
  /** The wrong text exactly as it appears in the source. */
  find: z.string().min(1),
  /** What the index and answers say instead. */
  replace: z.string().min(1),
  /** A note shown with the passage, saying what was corrected (without repeating the error). */
  note: z.string().min(1),
});

export const documentMetaSchema = z.object({
  title: z.string().trim().min(1),
  shortTitle: z.string().trim().min(1).optional(),
  type: z.string().trim().min(1),
  number: nullableText,
  issuer: nullableText,
  signer: nullableText,
  signerTitle: nullableText,
  date: nullableText,
  url: z.url().nullable().default(null),
  implements: nullableText,
  sources: z.array(z.string()).default([]),
  compiledBy: nullableText,
  errata: z.array(erratumSchema).default([]),
  /** Other names citizens call the document by ("Chương trình hành động của Chính phủ"): a question naming one is about it. */
  aliases: z.array(z.string().trim().min(3)).default([]),
});

export type DocumentMeta = z.infer<typeof documentMetaSchema> & { id: string };

export interface Passage {
  /** documentId + section + content hash: unchanged text keeps its id across re-ingests. */
  id: string;
  documentId: string;
  /** Outline headings from the top, e.g. ["V. Tổ chức thực hiện", "2. Sở Văn hoá, Thể thao và Du lịch"]. */
  path: string[];
  /** Sentences and bullets joined by newlines, as indexed and shown to citizens. */
  text: string;
  /** Position in the document, for reading order. */
  order: number;
}

export const faqEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be kebab-case'),
  question: z.string().trim().min(5),
  alternatives: z.array(z.string().trim().min(3)).default([]),
  answer: z
    .string()
    .trim()
    .min(10)
    .refine((a) => a.split(/\s+/).length <= 80, 'answer must be at most 80 words'),
  document: z.string().min(1),
  section: z.string().nullable().default(null),
  agency: z.string().trim().min(1),
  reviewed: z.union([z.string(), z.date()]).transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)),
});

export type FaqEntry = z.infer<typeof faqEntrySchema> & { passageId: string | null };

/** A problem in one corpus file: the file and line let staff fix it; the rest still gets indexed. */
export interface IngestIssue {
  file: string;
  line: number | null;
  message: string;
}

export const SECTION_SEPARATOR = ' › ';

/** The heading of the passage stating a document's own particulars, made from its metadata. */
export const PARTICULARS_SECTION = 'Thông tin văn bản';

/** Whether a passage is the one stating its document's own particulars (number, date, signer), not its content. */
export function isParticularsPassage(passage: Passage): boolean {
  return passage.id === `${passage.documentId}:thong-tin-van-ban` && passage.path[0] === PARTICULARS_SECTION;
}
