/**
 * @module
 * The ESLint rule that keeps the portable core (everything src/entry/worker.ts is built from)
 * free of Node-only code: it refuses node: built-ins, native and Node-only packages and the
 * Node-only files, and lets their types through.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.ts';

const eslint = new ESLint({ cwd: ROOT });
const problems = async (file: string, code: string) => (await eslint.lintText(code, { filePath: `${ROOT}/${file}` }))[0]?.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message) ?? [];

describe('the portable core', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';", /Node only/],
    ["import { createHash } from 'crypto';", /Node only/],
    ["import Database from 'better-sqlite3';", /Node only/],
    ["import { HierarchicalNSW } from 'hnswlib-node';", /Node only/],
    ["import { Registry } from 'prom-client';", /Node only/],
    ["import mammoth from 'mammoth';", /Node only/],
    ["import { extractText } from 'unpdf';", /Node only/],
    ["import { openSqliteStore } from '../store/sqlite.ts';", /Node-only file/],
    ["import { createEngine } from '../entry/engine.ts';", /Node-only file/],
    ["import { createScryptHasher } from '../entry/scrypt.ts';", /Node-only file/],
  ])('refuses %s', async (line, message) => {
    const found = await problems('src/http/probe.ts', `${line}\nexport {};\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it('lets the Worker entry use the portable stores and engine, and Node-only files share their types', async () => {
    expect(await problems('src/entry/worker/probe.ts', "import { openD1Stores } from '../../store/d1/stores.ts';\nimport { engineFromParts } from '../../engine/assemble.ts';\nimport type { SqliteStore } from '../../store/sqlite.ts';\nexport { openD1Stores, engineFromParts };\nexport type S = SqliteStore;\n")).toEqual([]);
  });

  it('leaves the Node-only files free to use Node', async () => {
    expect(await problems('src/entry/node.ts', "import { readFileSync } from 'node:fs';\nexport { readFileSync };\n")).toEqual([]);
  });
});
