import { describe, expect, it } from 'vitest';
import { SCRYPT_COST } from '../admin/auth/passwords.ts';
import { createScryptHasher } from './scrypt.ts';

const fast = createScryptHasher({ N: 1024, r: 8, p: 1 });

describe('createScryptHasher', () => {
  it('stores its parameters and a random salt, never the password', async () => {
    const a = await fast.hash('một mật khẩu khá dài');
    const b = await fast.hash('một mật khẩu khá dài');
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('mật khẩu');
  });

  it('verifies the right password only, in either Unicode form', async () => {
    const stored = await fast.hash('Mật khẩu có dấu tiếng Việt');
    expect(await fast.verify('Mật khẩu có dấu tiếng Việt', stored)).toBe(true);
    expect(await fast.verify('Mật khẩu có dấu tiếng Việt'.normalize('NFD'), stored)).toBe(true);
    expect(await fast.verify('Mat khau co dau tieng Viet', stored)).toBe(false);
    expect(await fast.verify('', stored)).toBe(false);
  });

  it('verifies a hash made with other parameters, and refuses malformed or abusive ones', async () => {
    const strong = createScryptHasher();
    const stored = await strong.hash('mật khẩu đủ mạnh đây');
    expect(stored.startsWith(`scrypt$${SCRYPT_COST.N}$${SCRYPT_COST.r}$${SCRYPT_COST.p}$`)).toBe(true);
    expect(await fast.verify('mật khẩu đủ mạnh đây', stored)).toBe(true);
    for (const bad of ['', 'plain', 'scrypt$1024$8$1$salt', 'bcrypt$1$2$3$4$5', 'scrypt$1000$8$1$c2FsdA$a2V5', `scrypt$${2 ** 24}$8$1$c2FsdA$a2V5`, 'scrypt$1024$99$1$c2FsdA$a2V5']) {
      expect(await fast.verify('x', bad), bad).toBe(false);
    }
  });
});
