/**
 * @module
 * `npm run faq -- <command>`: the published FAQ to and from the YAML of `corpus/faq/`, so
 * it can live in version control.
 *
 *   export [--out corpus/faq/faq.yaml]      the published FAQ (standard output without --out)
 *   import --file F [--file G …]            publish the entries of F (whole, or nothing: every
 *                                           problem printed with its file and line, exit 1)
 *
 * A running server serves an import after `kill -HUP <pid>` (or at its next start).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, loadDotEnv } from '../config.ts';
import { createEngine, toReadyEngine } from '../entry/engine.ts';
import { CLI_ACTOR, fail, openCliWorkspace } from './cli-workspace.ts';

const USAGE = `Cách dùng:
  npm run faq -- export [--out corpus/faq/faq.yaml]
  npm run faq -- import --file corpus/faq/faq.yaml [--file khac.yaml]`;

const { positionals, values } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, file: { type: 'string', multiple: true } } });
const command = positionals[0];
if (command !== 'export' && command !== 'import') fail(USAGE, 2);
if (command === 'import' && !values.file?.length) fail(USAGE, 2);

loadDotEnv();
const config = loadConfig();
// Sources are checked against the corpus the server answers from: its stored index.
const engine = command === 'import' ? toReadyEngine(await createEngine(config)) : null;
const { workspace, close } = openCliWorkspace(config, engine);
try {
  if (command === 'export') {
    const yaml = await workspace.faq.exportYaml();
    if (!values.out) process.stdout.write(yaml);
    else {
      const temporary = `${values.out}.${process.pid}.tmp`;
      writeFileSync(temporary, yaml);
      renameSync(temporary, values.out);
      console.error(`Đã xuất FAQ đã xuất bản ra ${values.out}.`);
    }
  } else {
    const files = (values.file ?? []).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    const result = await workspace.faq.importYaml(CLI_ACTOR, files);
    if (!result.ok) {
      for (const p of result.problems) console.error(`${p.file}:${p.line ?? '?'}: ${p.message}`);
      fail(`${result.problems.length} lỗi; chưa nhập mục nào.`);
    }
    console.log(`Đã nhập: ${result.created.length} mục mới, ${result.updated.length} mục cập nhật, ${result.unchanged} mục không đổi (tất cả đã xuất bản).`);
    console.log('Máy chủ đang chạy phục vụ FAQ mới sau: kill -HUP <pid> (pid trong dòng log "listening").');
  }
} finally {
  await close();
}
