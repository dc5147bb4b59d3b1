/**
 * @module
 * What the audit log keeps of an FAQ entry's content: its source and owner, how many other
 * phrasings it has, and a digest of the whole content, never its text. A draft can start from
 * citizens' questions (the review queue), and the audit log outlives the retention purge and
 * a citizen's erasure, so their words must not be in it; the text itself is in the entry's
 * version history (`faq_versions`), which the digest identifies.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { FaqContent } from '../../store/faq/types.ts';

/** SHA-256 of the content's fields in a fixed order, as "sha256:<hex>". */
function faqContentDigest(content: FaqContent): string {
  const { question, alternatives, answer, document, section, agency, reviewBy } = content;
  return `sha256:${bytesToHex(sha256(utf8ToBytes(JSON.stringify([question, alternatives, answer, document, section, agency, reviewBy]))))}`;
}

/** The audit record's view of an entry's content: ids, dates, counts and the digest. */
export function faqAuditContent(content: FaqContent): { document: string; section: string | null; agency: string; reviewBy: string; alternatives: number; digest: string } {
  return { document: content.document, section: content.section, agency: content.agency, reviewBy: content.reviewBy, alternatives: content.alternatives.length, digest: faqContentDigest(content) };
}
