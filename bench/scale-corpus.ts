/**
 * @module
 * The scale benchmark's corpus: the real documents plus synthetic ones (`synthetic.ts`),
 * all through the real `buildCorpus`, so parsing and chunking are measured too. Documents
 * are written until buildCorpus yields at least N passages; the synthetic tail is then cut
 * so the corpus holds exactly N.
 */
import { buildCorpus, type Corpus, type CorpusFile } from '../src/ingest/corpus.ts';
import { readCorpusFiles } from '../src/ingest/read-files.ts';
import { progress, type Stages } from './scale-report.ts';
import { SYNTHETIC_DIR, SyntheticWriter } from './synthetic.ts';

/** Documents written first to learn how many passages a synthetic document makes. */
const PILOT_DOCUMENTS = 40;
const BUILD_STAGE = 'corpus build (buildCorpus: parse, clean, chunk)';

export interface ScaleCorpus {
  corpus: Corpus;
  /** Passages of the real corpus, first in the list. */
  real: number;
  /** Passages buildCorpus made before the cut. */
  produced: number;
  syntheticDocuments: number;
}

export async function buildScaleCorpus(corpusDir: string, passages: number, seed: number, stages: Stages): Promise<ScaleCorpus> {
  const realFiles = await readCorpusFiles(corpusDir);
  const real = buildCorpus(realFiles);
  if (passages < real.passages.length + 100) throw new Error(`--passages must be at least ${real.passages.length + 100} (the real corpus has ${real.passages.length})`);
  const generated: CorpusFile[] = [];
  const writer = await stages.run(
    'write synthetic documents (train model, generate)',
    () => {
      const w = new SyntheticWriter(real, seed);
      for (let i = 0; i < PILOT_DOCUMENTS; i++) generated.push(w.next(generated.length));
      const perDocument = buildCorpus(generated).passages.length / PILOT_DOCUMENTS;
      const wanted = Math.ceil(((passages - real.passages.length) / perDocument) * 1.01);
      while (generated.length < wanted) generated.push(w.next(generated.length));
      return w;
    },
    (w) => `${generated.length} documents, from ${w.realStats.sentences} real bullets, ${w.realStats.headings} headings, ${w.realStats.agencies} agencies, ${w.realStats.years} years`,
  );
  let buildMs = 0;
  const timedBuild = (files: CorpusFile[]) => {
    const t = performance.now();
    const built = buildCorpus(files);
    buildMs += performance.now() - t;
    return built;
  };
  progress(`${BUILD_STAGE}…`);
  const corpus = timedBuild([...realFiles, ...generated]);
  while (corpus.passages.length < passages) {
    const extra: CorpusFile[] = [];
    for (let i = 0; i <= (passages - corpus.passages.length) / 20; i++) extra.push(writer.next(generated.length + i));
    generated.push(...extra);
    const more = timedBuild(extra);
    corpus.documents.push(...more.documents);
    corpus.passages.push(...more.passages);
    corpus.issues.push(...more.issues);
  }
  // A problem in a real file is the corpus's business (npm run ingest reports it); one in a synthetic file is the generator's bug.
  const broken = corpus.issues.filter((i) => i.file.startsWith(SYNTHETIC_DIR));
  if (broken.length > 0) throw new Error(`synthetic corpus has ${broken.length} problems, first: ${JSON.stringify(broken[0])}`);
  const produced = corpus.passages.length;
  corpus.passages.length = passages;
  stages.add(BUILD_STAGE, buildMs, `${produced} passages from ${corpus.documents.length} documents, trimmed to ${passages}`);
  return { corpus, real: real.passages.length, produced, syntheticDocuments: generated.length };
}
