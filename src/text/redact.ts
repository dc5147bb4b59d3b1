/**
 * @module
 * Redacts personal data from citizens' messages before anything is stored or logged.
 * Patterns from the project's reliability research (§D.1), tested on Node 20. Order
 * matters: the phone pattern runs before the 9-digit CMND pattern so "+84 912345678"
 * is one phone number, and bank accounts are only matched after a keyword.
 * Dates ("22/12/2024"), amounts ("150.000 đồng") and document numbers ("1169/QĐ-TTg")
 * contain separators these patterns do not accept, so they are left alone.
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, '[email]'],
  // After the keyword, one run of spaces before each optional part: two runs side by side
  // ("\s*[:.]?\s*") can split a long run of spaces in quadratically many ways, and in a
  // lookbehind, tried at every position, that took minutes on a message of 1,000 spaces.
  [/(?:STK|số tài khoản|so tai khoan|tài khoản|tai khoan|TK)\s*(?:[:.]\s*)?\d(?:[ .-]?\d){5,18}(?!\d)/gi, '[số tài khoản]'],
  [/((?:CMND|CCCD|chứng minh nhân dân|căn cước|cmnd|cccd)\s*(?:số\s*)?(?:[:.]\s*)?)\d(?:[ .-]?\d){8,11}(?!\d)/g, '$1[số định danh]'],
  // 12 digits starting with 0, in any grouping (3-3-6, 3-3-3-3, 4-4-4).
  [/(?<![\d/])0(?:[ .-]?\d){11}(?![\d/])/g, '[số định danh]'],
  [/(?<![\d+])(?:\(\+?84\)|\+?84|0)[ .-]?[35789]\d(?:[ .-]?\d){7}(?!\d)/g, '[số điện thoại]'],
  // Landlines: 02x area codes, 10–11 digits.
  [/(?<![\d/])02\d(?:[ .-]?\d){7,8}(?![\d/])/g, '[số điện thoại]'],
  [/(?<![\d.,/])\d{9}(?![\d.,/])/g, '[số CMND]'],
];

export function redactPersonalData(text: string): string {
  let out = text;
  for (const [pattern, label] of PATTERNS) out = out.replace(pattern, label);
  return out;
}
