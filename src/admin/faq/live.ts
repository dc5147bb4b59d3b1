/**
 * @module
 * The FAQ citizens get is the store's published entries, served by the engine's FAQ matcher:
 * applied at once when staff publish or archive (no passage is re-indexed), and whenever an
 * engine is loaded or rebuilt, so a rebuild never brings back the FAQ of `corpus/faq/` over
 * what staff published. On a first start the store has no FAQ: the YAML is imported as the
 * published FAQ, by "system".
 */
import type { ReadyEngine } from '../../app.ts';
import type { FaqEntry } from '../../ingest/types.ts';
import type { Logger } from '../../logger.ts';
import type { FaqStore } from '../../store/faq/types.ts';
import type { WorkspaceStores } from '../../store/workspace.ts';
import { auditRecord } from '../context.ts';
import { checkSource } from './sources.ts';
import { importPlan, parseFaqFiles, type FaqFile } from './yaml.ts';

export interface AppliedFaq {
  served: number;
  /** Published entries left out because their source is gone from the corpus (a document removed or renamed). */
  problems: Array<{ id: string; problem: string }>;
}

export async function applyPublishedFaq(engine: ReadyEngine, faq: FaqStore, logger: Logger): Promise<AppliedFaq> {
  const linked: FaqEntry[] = [];
  const problems: AppliedFaq['problems'] = [];
  for (const { id, reviewedOn, ...content } of await faq.published()) {
    const checked = checkSource(engine, id, content, reviewedOn);
    if ('problem' in checked) problems.push({ id, problem: checked.problem });
    else linked.push(checked.entry);
  }
  engine.replaceFaq(linked);
  // /readyz reports the FAQ being served.
  engine.info.faq = linked.length;
  // The home page's starter questions follow the published FAQ too.
  engine.starters.clear();
  for (const entry of linked) engine.starters.set(entry.document, [...(engine.starters.get(entry.document) ?? []), entry.question]);
  if (problems.length > 0) logger.warn('published FAQ entries left out: their source is not in the corpus', { problems });
  return { served: linked.length, problems };
}

/**
 * Prepares a freshly loaded engine before it serves: imports `files` (corpus/faq/*.yaml) when
 * the store has no FAQ yet, then serves the published FAQ. A YAML with problems is not
 * imported (nothing partial): the engine keeps the FAQ it was built with and the problems are logged.
 */
export async function prepareEngine(engine: ReadyEngine, stores: WorkspaceStores, files: FaqFile[], ctx: { now(): Date; newId(): string; logger: Logger; reviewDays: number }): Promise<AppliedFaq | null> {
  if ((await stores.faq.count()) === 0) {
    const parsed = parseFaqFiles(files, engine, ctx.reviewDays);
    if (parsed.problems.length > 0) {
      ctx.logger.error('the FAQ in corpus/faq could not be imported into the store; serving the FAQ built with the index', { problems: parsed.problems });
      return null;
    }
    const plan = importPlan(parsed.entries, new Map(), 'system', ctx);
    await stores.faq.save(plan.writes, [...plan.audit, auditRecord(ctx, 'system', 'faq.import', null, null, { files: files.map((f) => f.file), ...plan.summary })]);
    ctx.logger.info('FAQ imported into the store from corpus/faq', { entries: plan.writes.length });
  }
  return applyPublishedFaq(engine, stores.faq, ctx.logger);
}
