import { describe, expect, it } from 'vitest';
import { foldDiacritics } from '../../text/index.ts';
import { HashedEmbeddings, type HashedEmbeddingsJSON } from './hashed.ts';

const PASSAGES = [
  'Ngày 10/10 hằng năm là Ngày Chuyển đổi số quốc gia.',
  'Ngày 18/5 hằng năm là Ngày Khoa học và Công nghệ Việt Nam.',
  'Người ký Nghị quyết 57-NQ/TW là Tổng Bí thư Tô Lâm, ký thay mặt Bộ Chính trị.',
  'Nghị quyết 57 chỉ ra hạ tầng, nhất là hạ tầng số, còn chưa đồng bộ.',
  'Theo Nghị quyết 57, Việt Nam còn thiếu nhân lực chất lượng cao.',
  'Phong trào Bình dân học vụ số phổ cập kỹ năng số cho người dân.',
];

const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);
const norm = (a: number[]) => Math.sqrt(cosine(a, a));

describe('HashedEmbeddings', () => {
  const embedder = HashedEmbeddings.fit(PASSAGES, { dimension: 1024 });

  it('gives the same vector for the same text, of the configured dimension', async () => {
    const [a, b] = await embedder.embedDocuments([PASSAGES[0] as string, PASSAGES[0] as string]);
    expect(a).toHaveLength(1024);
    expect(a).toEqual(b);
    expect(await HashedEmbeddings.fit(PASSAGES, { dimension: 1024 }).embedQuery('chuyển đổi số')).toEqual(await embedder.embedQuery('chuyển đổi số'));
    expect(await HashedEmbeddings.fit(PASSAGES, { dimension: 300 }).embedQuery('chuyển đổi số')).toHaveLength(300);
  });

  it('normalises every non-empty vector to unit length', async () => {
    for (const vector of await embedder.embedDocuments([...PASSAGES, 'xyz'])) expect(norm(vector)).toBeCloseTo(1, 6);
  });

  it('embeds a text typed without tone marks almost like the accented one', async () => {
    for (const text of PASSAGES) {
      const [accented, plain] = await embedder.embedDocuments([text, foldDiacritics(text)]);
      expect(cosine(accented as number[], plain as number[])).toBeGreaterThan(0.9);
    }
  });

  it('scores the passage a question is about above unrelated ones', async () => {
    const passages = await embedder.embedDocuments(PASSAGES);
    for (const [question, expected] of [
      ['ngày chuyển đổi số quốc gia là ngày nào', 0],
      ['ai la nguoi ky nghi quyet', 2],
      ['thiếu nhân lực chất lượng cao', 4],
    ] as const) {
      const q = await embedder.embedQuery(question);
      const scores = passages.map((p) => cosine(q, p));
      const best = scores.indexOf(Math.max(...scores));
      expect(best, question).toBe(expected);
    }
  });

  it('weighs a feature the corpus lacks above one every passage has', async () => {
    const fitted = HashedEmbeddings.fit(['chung một', 'chung hai', 'chung ba'], { dimension: 4096 });
    // "chung" and "bimat" have the same number of features; only their idf differs.
    const [both, common, unseen] = await fitted.embedDocuments(['chung bimat', 'chung', 'bimat']);
    expect(cosine(both as number[], unseen as number[])).toBeGreaterThan(cosine(both as number[], common as number[]) + 0.2);
  });

  it('restores from JSON to the very same vectors and id', async () => {
    const json = JSON.parse(JSON.stringify(embedder.toJSON())) as HashedEmbeddingsJSON;
    const restored = HashedEmbeddings.fromJSON(json);
    expect(restored.id).toBe(embedder.id);
    expect(restored.dimension).toBe(1024);
    expect(await restored.embedDocuments([...PASSAGES, 'câu hỏi mới hoàn toàn'])).toEqual(await embedder.embedDocuments([...PASSAGES, 'câu hỏi mới hoàn toàn']));
  });

  it('refuses JSON saved by other analysis code, and changes id with the dimension', () => {
    const json = { ...embedder.toJSON(), textVersion: 'old' };
    expect(() => HashedEmbeddings.fromJSON(json)).toThrow(/refit/);
    expect(embedder.id).toMatch(/^hashed-v\d+-d1024-/);
    expect(HashedEmbeddings.idFor(4096)).not.toBe(embedder.id);
  });

  it('rejects a dimension that is not a positive integer', () => {
    expect(() => new HashedEmbeddings({ dimension: 0 })).toThrow(/dimension/);
    expect(() => new HashedEmbeddings({ dimension: 10.5 })).toThrow(/dimension/);
  });
});
