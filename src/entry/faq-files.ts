/**
 * @module
 * The YAML files of `corpus/faq/`, read as the staff workspace imports them on a first start.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FaqFile } from '../admin/faq/yaml.ts';

export function readFaqFiles(corpusDir: string): FaqFile[] {
  const dir = join(corpusDir, 'faq');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort()
    .map((name) => ({ file: `faq/${name}`, text: readFileSync(join(dir, name), 'utf8') }));
}
