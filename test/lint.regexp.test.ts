/**
 * @module
 * The ESLint rule that keeps patterns from backtracking super-linearly on what a citizen
 * types: a message of up to 1,000 characters goes through dozens of patterns on the one
 * thread that serves every request. Two such patterns once held the server for minutes on
 * one message of spaces; vitest cannot interrupt a synchronous stall, so this rule is the
 * guard (`npm run lint`, in `npm test`).
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.ts';

const eslint = new ESLint({ cwd: ROOT });
const problems = async (file: string, code: string) =>
  (await eslint.lintText(code, { filePath: `${ROOT}/${file}` }))[0]?.messages.filter((m) => m.ruleId === 'regexp/no-super-linear-backtracking').map((m) => m.message) ?? [];

describe('patterns on what citizens type', () => {
  it.each([
    // The identity-number redaction: two runs of spaces side by side, in a lookbehind.
    ['src/text/probe.ts', String.raw`export const ID = /(?<=(?:CMND|CCCD)\s*(?:số)?\s*[:.]?\s*)\d(?:[ .-]?\d){8,11}(?!\d)/g;`],
    // The question after "cho hỏi": three runs that can each take the spaces.
    ['src/answer/probe.ts', String.raw`export const ASK = /(?:cho hỏi|xin hỏi)\s*[:,]?\s+(.{6,})$/iu;`],
    ['widget/src/probe.ts', String.raw`export const END = /\s(?:khong|ko)\s*[?.!]*\s*$/;`],
  ])('refuses a pattern that backtracks super-linearly (%s)', async (file, code) => {
    expect(await problems(file, `${code}\n`)).not.toEqual([]);
  });

  it('accepts the same patterns written with one run of spaces before each optional part', async () => {
    expect(await problems('src/text/probe.ts', String.raw`export const ID = /((?:CMND|CCCD)\s*(?:số\s*)?(?:[:.]\s*)?)\d(?:[ .-]?\d){8,11}(?!\d)/g;` + '\n')).toEqual([]);
    expect(await problems('src/answer/probe.ts', String.raw`export const ASK = /(?:cho hỏi|xin hỏi)(?:\s*[:,])?\s+(\S.*)$/iu;` + '\n')).toEqual([]);
    expect(await problems('widget/src/probe.ts', String.raw`export const END = /\s(?:khong|ko)\s*(?:[?.!]+\s*)?$/;` + '\n')).toEqual([]);
  });
});
