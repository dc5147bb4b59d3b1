/**
 * @module
 * The documentation stays in step with the code: the README pins the widget the server
 * builds, names every setting (as .env.example does), links only inside the repository,
 * and docs/API.md names every endpoint the app serves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { CONFIG_VARIABLES } from '../src/config.ts';
import { buildWidget } from '../widget/build.ts';
import { captureLogger, ROOT } from './helpers.ts';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const api = readFileSync(join(ROOT, 'docs', 'API.md'), 'utf8');
const envExample = readFileSync(join(ROOT, '.env.example'), 'utf8');

describe('README', () => {
  it('pins the widget the server builds: its version and integrity hash', async () => {
    const widget = await buildWidget();
    expect(readme).toContain(`/widget.js?v=${widget.version}" integrity="${widget.integrity}"`);
  });

  it('names every setting in its configuration table, as .env.example does', () => {
    for (const name of CONFIG_VARIABLES) {
      expect(readme, name).toContain(`| \`${name}\` |`);
      expect(envExample, name).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
    }
  });

  it('lists every npm script in its Commands table, but those npm test runs and the staff CLIs (which have sections of their own)', () => {
    const from = readme.indexOf('## Commands');
    const table = readme.slice(from, readme.indexOf('\n## ', from + 1));
    const scripts = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    const staffClis = ['admin', 'faq', 'report'];
    for (const name of scripts.filter((n) => !['test', 'typecheck', 'lint', ...staffClis].includes(n))) expect(table, name).toMatch(new RegExp(`\\| \`npm (?:run )?${name}[\` ]`));
    for (const name of staffClis) expect(readme, name).toContain(`npm run ${name}`);
    expect(table).toContain('`npm run bench -- --worker`');
  });

  it('says what CI runs, as .ci/run runs it', () => {
    const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
    const test = readme.slice(readme.indexOf('## Test'), readme.indexOf('## Commands'));
    for (const command of ci.split('\n').filter((l) => /^npm (?:test|run )/.test(l))) expect(test, command).toContain(`\`${command}\``);
    expect(test).not.toMatch(/npm run eval -- --split/);
  });

  it('links only inside the repository', () => {
    expect(readme).not.toMatch(/\]\(\.\.\/|`\.\.\/shared/);
    expect(api).not.toMatch(/\.\.\/shared/);
  });
});

describe('docs/API.md', () => {
  it('names every endpoint the app serves', () => {
    const app = createApp({ state: { engine: null, store: null }, logger: captureLogger() });
    const paths = new Set(app.routes.filter((r) => r.method !== 'ALL' && r.path !== '/favicon.ico').map((r) => r.path.replace(/:(\w+)/g, '{$1}')));
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    for (const path of paths) expect(api, path).toMatch(new RegExp(`\`(?:GET |POST )${escape(path)}[\` ?]`));
  });
});
