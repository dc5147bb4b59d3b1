/**
 * @module
 * `npm run admin -- <command>`: staff accounts from the command line, for the first admin
 * and for recovery. The password is read from standard input (typed without echo on a
 * terminal, or piped: `printf '%s\n' "$PASSWORD" | npm run admin -- create-user …`), never
 * from the command line, where other users of the machine could read it.
 *
 *   create-user --username NAME --role admin|editor|reviewer|viewer
 *   set-password --username NAME
 *   list-users
 */
import { parseArgs } from 'node:util';
import { AppError } from '../errors.ts';
import { createAccountSchema } from '../admin/accounts/schemas.ts';
import { passwordSchema } from '../admin/auth/passwords.ts';
import { ROLE_LABELS } from '../admin/auth/roles.ts';
import { loadConfig, loadDotEnv } from '../config.ts';
import { CLI_ACTOR, fail, openCliWorkspace } from './cli-workspace.ts';

const USAGE = `Cách dùng:
  npm run admin -- create-user --username TÊN --role admin|editor|reviewer|viewer   (mật khẩu đọc từ stdin)
  npm run admin -- set-password --username TÊN                                      (mật khẩu đọc từ stdin)
  npm run admin -- list-users`;

/** One line from standard input; on a terminal, typed without echo. */
async function readPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += String(chunk);
    return (text.split(/\r?\n/)[0] ?? '').normalize('NFC');
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve) => {
    let typed = '';
    const onData = (key: string) => {
      for (const ch of key) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          return resolve(typed.normalize('NFC'));
        }
        if (ch === '\u0003') process.exit(130);
        typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { username: { type: 'string' }, role: { type: 'string' } } });
const command = positionals[0];
if (!command || !['create-user', 'set-password', 'list-users'].includes(command)) fail(USAGE, 2);

loadDotEnv();
const config = loadConfig();
const { workspace, close } = openCliWorkspace(config);
try {
  if (command === 'list-users') {
    for (const u of await workspace.accounts.list()) console.log(`${u.username}\t${u.role} (${ROLE_LABELS[u.role]})${u.disabled ? '\tđã khoá' : ''}`);
  } else {
    if (!values.username) fail(USAGE, 2);
    const password = await readPassword('Mật khẩu: ');
    const checked = passwordSchema.safeParse(password);
    if (!checked.success) fail(checked.error.issues[0]?.message ?? 'Mật khẩu không hợp lệ.');
    if (command === 'create-user') {
      const input = createAccountSchema.safeParse({ username: values.username, role: values.role ?? '', password });
      if (!input.success) fail(`${input.error.issues[0]?.path.join('.')}: ${input.error.issues[0]?.message}\n${USAGE}`, 2);
      await workspace.accounts.create(CLI_ACTOR, input.data);
      console.log(`Đã tạo tài khoản ${input.data.username} (${ROLE_LABELS[input.data.role]}). Đăng nhập tại /admin/login.`);
    } else {
      await workspace.accounts.update(CLI_ACTOR, values.username.toLowerCase(), { password });
      console.log(`Đã đặt mật khẩu mới cho ${values.username}; các phiên đăng nhập cũ đã kết thúc.`);
    }
  }
} catch (error) {
  fail(error instanceof AppError ? error.message : `Lỗi: ${(error as Error).message}`);
} finally {
  await close();
}
