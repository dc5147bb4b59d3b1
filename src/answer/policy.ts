/**
 * @module
 * Every threshold and weight of deciding and composing an answer, in one place, with where
 * each value came from. "Tuned on dev" means chosen on the eval's dev split (`npm run eval
 * -- --split dev`) and checked on test and fresh, never chosen there.
 */
export const POLICY = {
  /** A curated FAQ entry answers when its closest phrasing is at least this similar (cosine; tuned on dev). */
  faqMin: 0.55,
  /** FAQ questions offered as suggestions need this similarity. */
  suggestionMin: 0.25,
  /** Coverage (idf-weighted share of the question's words a passage holds) that answers any question (tuned on dev). */
  coverageMin: 0.65,
  /** …an on-subject question (it names the resolution, the plan, digital transformation…) needs only this (tuned on dev). */
  coverageOnSubject: 0.35,
  /** Off the subject, a passage holding two of the question's specific words answers at this coverage (tuned on dev). */
  coverageSpecific: 0.45,
  /** …and one holding four of them at this coverage ("DTI", "xếp hạng", "cải thiện", "bậc" with casual words around). */
  coverageManySpecific: 0.4,
  /** A word in more than this share of passages is common to the whole domain ("tỉnh", "người dân", "hỗ trợ"). */
  genericShare: 0.06,
  /** The best sentence holding the asked kind of fact must score at least this share of the best sentence (tuned on dev). */
  typedRatio: 0.5,
  /** …and hold this share of the question's words: a number next to other words answers nothing (tuned on dev). */
  unitCoverageForTyped: 0.45,
  /** Passages retrieved per question. */
  retrieveK: 8,
  /** …and for a date, number or person question none of them holds, before it is declined: "mấy quan điểm" when the
   * five sections of the five points fill the first eight, and the sentence that counts them is the eleventh. */
  typedRetrieveK: 16,
  /** Passages whose sentences compete to lead: a plan section is often several passages of near-equal score. */
  unitPassages: 8,
  /** Score factors of documents the question points at: named by number or kind, the page it is asked from, the previous answer's, the province's own. */
  namedBoost: 2.0,
  pointedBoost: 4.0,
  followUpBoost: 2.0,
  followUpOtherBoost: 1.2,
  provinceBoost: 1.5,
  /** Score factor of a passage whose own heading the question names in full ("Sở Tài chính phải làm gì"; tuned on dev). */
  namedHeading: 1.5,
  /** Score factor of another document's sentences when the question points at the page's ("kế hoạch này"; tuned on dev: 0.4 let a plan sentence sharing more words lead on the decision's page). */
  offPageUnits: 0.2,
  /** Weight left to the words that only name the question's document when choosing among sentences (tuned on dev). */
  namingInUnits: 0.3,
  /** Weight left to a follow-up's borrowed words when choosing among the found passages' sentences. */
  borrowedInUnits: 0.4,
  /** Score factor of a document's title block (its lines before the first heading) unless its particulars are asked. */
  titleBlock: 0.3,
  /** Score factor of a document's list of recipients ("Nơi nhận") unless who it was sent to is asked. */
  recipientsList: 0.3,
  /** A question about a document's particulars that asks no kind of fact is answered from its opening when a sentence there holds this share of its words. */
  openingCoverage: 0.3,
  /** Composing: the longest answer in words (citizens read on small phones). */
  maxAnswerWords: 120,
  /** Supporting sentences after the lead, from its section, scoring at least supportRatio of it. */
  maxSupports: 3,
  /** The most points a named section may have and still be read from its start (its first points) when its purpose or subject is asked ("Mục đích … là gì"). */
  wholeSectionPoints: 6,
  supportRatio: 0.55,
  /** …or, holding words of the question no chosen sentence holds, at least this share (tuned on dev). */
  gapRatio: 0.3,
  /** A sentence holding the asked kind of fact gains this share; a second or third facet held gains half of it (tuned on dev). */
  typeBonus: 0.6,
  /** A question word found in a sentence's headings counts this much of one found in the sentence. */
  headingShare: 0.5,
  /** A sentence answering a later facet must score at least this share of the lead. */
  facetRatio: 0.25,
  /** A later question of a message ("…, còn hiện nay là ai?") is answered by a sentence holding this share of its own words; else it is said to be missing. */
  partCoverage: 0.4,
  /** …unless a sentence already chosen scores at least this share of the best one for it. */
  partCovered: 0.8,
  /** A question said missing is not, when a sentence given holds at least this share of its own words (two at least; tuned on dev). */
  partWordsHeld: 0.75,
  /** Passages retrieved for each later question of a message. */
  partK: 6,
  /** …whose query carries the whole message's words at this weight (what "…, ai ký?" leaves unsaid). */
  partContext: 0.4,
  /** A sentence's score is multiplied by (coverageFloor + its coverage): the one naming the question's own rare words leads (tuned on dev). */
  coverageFloor: 0.6,
  /** Year alignment: a sentence of the asked year, and one naming only another target year (tuned on dev). */
  yearMatch: 1.6,
  yearOther: 0.45,
  /** Target/result alignment ("mục tiêu" against "kết quả, hiện nay"). */
  kindMatch: 1.3,
  kindOther: 0.8,
  /** A sentence that names another document of the kind the question names by number (NQ03 when NQ71 is asked). */
  codeOther: 0.5,
} as const;
