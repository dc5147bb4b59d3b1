export { analyze, canonicalize, documentCodes, FOLDED_STOP_FORMS, countedAs, isDocumentCode, markEvidence, stripQuestionPhrasing, tokenizeSegments, TEXT_VERSION, type Analysis } from './analyze.ts';
export { DOMAIN_TERMS } from './dictionary.ts';
export { hashString } from './hash.ts';
export { codePointLength, foldDiacritics, foldedQuestion, hasDiacritics, looseForm, normalizeVietnamese, readCapitals } from './normalize.ts';
export { spelledLikeVietnamese, syllableShaped } from './marks.ts';
export { redactPersonalData } from './redact.ts';
