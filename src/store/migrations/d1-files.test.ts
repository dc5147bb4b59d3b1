import { describe, expect, it } from 'vitest';
import { D1_HEADER, d1MigrationFiles } from './d1-files.ts';
import { MIGRATIONS } from './index.ts';

describe('the D1 migration files', () => {
  it('hold exactly the SQL of MIGRATIONS, one file per version, in order, under names wrangler applies in that order', () => {
    const files = d1MigrationFiles();
    expect(files).toHaveLength(MIGRATIONS.length);
    files.forEach((file, i) => {
      const migration = MIGRATIONS[i] as (typeof MIGRATIONS)[number];
      expect(file.name).toMatch(new RegExp(`^${String(migration.version).padStart(4, '0')}_[a-z0-9_]+\\.sql$`));
      expect(file.sql.startsWith(D1_HEADER)).toBe(true);
      expect(file.sql.slice(D1_HEADER.length)).toBe(`${migration.sql.trim()}\n`);
    });
    expect(files.map((f) => f.name)).toEqual([...files.map((f) => f.name)].sort());
  });

  it('never use what D1 refuses: transactions or PRAGMA', () => {
    for (const m of MIGRATIONS) expect(m.sql, `migration ${m.version}`).not.toMatch(/\b(BEGIN\s+TRANSACTION|COMMIT|ROLLBACK|SAVEPOINT|PRAGMA)\b/i);
  });
});
