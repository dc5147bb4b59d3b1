/**
 * @module
 * The one place that reads the environment. Parsed once at each entry; a bad value stops
 * the process with the variable's name. Defaults match `.env.example` and the README.
 */
import { z } from 'zod';

const schema = z.object({
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  CORPUS_DIR: z.string().min(1).default('./corpus'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  DEFAULT_AGENCY: z.string().min(1).default('Sở Khoa học và Công nghệ tỉnh Điện Biên'),
  CONVERSATION_TTL_MINUTES: z.coerce.number().int().min(1).default(1440),
});

export type Config = {
  host: string;
  port: number;
  dataDir: string;
  corpusDir: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  defaultAgency: string;
  conversationTtlMs: number;
};

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir: e.DATA_DIR,
    corpusDir: e.CORPUS_DIR,
    logLevel: e.LOG_LEVEL,
    defaultAgency: e.DEFAULT_AGENCY,
    conversationTtlMs: e.CONVERSATION_TTL_MINUTES * 60_000,
  };
}
