/**
 * @module
 * The one place that reads the environment. Parsed once at each entry; a bad value stops
 * the process with the variable's name. Defaults match `.env.example` and the README.
 */
import { z } from 'zod';
import { parseTrustedProxies, type TrustedProxies } from './http/client-address.ts';
import type { ModelDtype } from './retrieval/embed/model-files.ts';
import { MESSENGER_REQUIRED, type MessengerSettings } from './channels/messenger/settings.ts';
import { ZALO_REQUIRED, type ZaloSettings } from './channels/zalo/settings.ts';

/** Workers AI's chat model when LLM_MODEL is not set: multilingual (over 140 languages, Vietnamese among them), 80,000 tokens of context. */
const WORKERS_AI_CHAT_MODEL = '@cf/google/gemma-3-12b-it';

/** A variable set to nothing (`ZALO_APP_SECRET=`) is not set: a channel left blank is off, not a failed start. */
const unsetIfBlank = <T extends z.ZodType>(type: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), type);
const secret = () => unsetIfBlank(z.string().trim().min(1).optional());

const schema = z.object({
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  CORPUS_DIR: z.string().min(1).default('./corpus'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  DEFAULT_AGENCY: z.string().min(1).default('Sở Khoa học và Công nghệ tỉnh Điện Biên'),
  PROVINCE: z.string().min(1).default('Điện Biên'),
  DEFAULT_DOCUMENT: z.string().min(1).max(128).default('ke-hoach-dien-bien-1169'),
  ALLOWED_ORIGINS: z.string().default('*'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(20),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(10_000).default(8),
  TRUST_PROXY: z.string().default(''),
  METRICS_TOKEN: z.string().optional(),
  DB_MAX_MB: z.coerce.number().min(0).default(0),
  ANSWER_CACHE_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(1000),
  LLM_PROVIDER: z.enum(['none', 'openai', 'ollama', 'workers-ai']).default('none'),
  LLM_BASE_URL: z.url().optional(),
  LLM_MODEL: z.string().min(1).optional(),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(20_000),
  LLM_MAX_TOKENS: z.coerce.number().int().min(16).max(32_768).default(512),
  LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.2),
  CONVERSATION_TTL_MINUTES: z.coerce.number().int().min(1).default(1440),
  // At least 8 days: the platforms' webhook event ids are kept that long to answer each event once.
  RETENTION_DAYS: z.coerce.number().int().min(8, 'at least 8 (webhook event ids are kept 8 days)').max(3650).default(365),
  ADMIN_USERNAME: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, 'lower-case letters, digits, ".", "_" or "-", 3 to 40 characters').optional(),
  ADMIN_PASSWORD: z.string().min(12, 'at least 12 characters').max(256).optional(),
  SESSION_SECRET: z.string().min(32, 'at least 32 characters (e.g. openssl rand -base64 48)').optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(720).default(30),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  EMBEDDER: z.enum(['none', 'hashed', 'transformers', 'workers-ai']).default('hashed'),
  EMBEDDING_DIM: z.coerce.number().int().min(64).max(65536).default(4096),
  EMBEDDING_MODEL: z.string().min(1).default('Xenova/multilingual-e5-small'),
  MODELS_DIR: z.string().min(1).default('./models'),
  EMBEDDING_DTYPE: z.enum(['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4'] satisfies ModelDtype[]).default('q8'),
  FUSION: z.enum(['score', 'rrf']).default('score'),
  FUSION_WEIGHT: z.coerce.number().min(0).max(1).optional(),
  VECTOR_INDEX: z.enum(['auto', 'hnsw', 'exact', 'vectorize']).default('auto'),
  CLOUDFLARE_ACCOUNT_ID: secret(),
  CLOUDFLARE_API_TOKEN: secret(),
  CLOUDFLARE_API_BASE: z.url().default('https://api.cloudflare.com/client/v4'),
  ZALO_APP_ID: unsetIfBlank(z.string().trim().regex(/^\d{1,32}$/, 'the Zalo app id: digits only').optional()),
  ZALO_APP_SECRET: secret(),
  ZALO_OA_SECRET_KEY: secret(),
  ZALO_ACCESS_TOKEN: secret(),
  ZALO_REFRESH_TOKEN: secret(),
  ZALO_OA_ID: unsetIfBlank(z.string().trim().regex(/^\d{1,32}$/, 'the OA id: digits only').optional()),
  ZALO_OPENAPI_BASE: z.url().default('https://openapi.zalo.me'),
  ZALO_OAUTH_BASE: z.url().default('https://oauth.zaloapp.com'),
  FB_APP_SECRET: secret(),
  FB_VERIFY_TOKEN: secret(),
  FB_PAGE_ACCESS_TOKEN: secret(),
  GRAPH_API_BASE: z.url().default('https://graph.facebook.com'),
  GRAPH_API_VERSION: z.string().trim().regex(/^v\d+\.\d+$/, 'a Graph API version such as v25.0').default('v25.0'),
});

/** Every variable the service reads, for the docs check (README and .env.example list each). */
export const CONFIG_VARIABLES = Object.keys(schema.shape);

export type Config = {
  host: string;
  port: number;
  dataDir: string;
  corpusDir: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  defaultAgency: string;
  /** The province's name, as it reads after "tỉnh". */
  province: string;
  /** The document "kế hoạch này" means when neither the page nor the conversation says: the province plan. */
  defaultDocument: string;
  /** Origins whose pages may call the citizen API and embed the widget; ['*'] for any. */
  allowedOrigins: string[];
  /** Per client and route; perMinute 0 turns limits off. */
  rateLimit: { perMinute: number; burst: number };
  /** Proxies whose X-Forwarded-For is believed. */
  trustedProxies: TrustedProxies;
  metricsToken: string | null;
  /** A cap on the database file in MB (0: none); past it exchanges are dropped and counted, answering goes on. */
  dbMaxMb: number;
  /** First questions whose answers are remembered per index (0: none). */
  answerCacheSize: number;
  /** An LLM writes answers from the sources when configured; null: extractive answers only. */
  llm: { provider: 'openai' | 'ollama' | 'workers-ai'; baseUrl: string | null; model: string; apiKey: string | null; timeoutMs: number; maxTokens: number; temperature: number } | null;
  conversationTtlMs: number;
  /** Citizens' exchanges, feedback, staff messages and webhook events older than this are purged daily. */
  retentionDays: number;
  /** The staff workspace: the first admin of a fresh install, how sessions are signed and when they end, cookies' Secure flag. */
  staff: { firstAdmin: { username: string; password: string } | null; sessionSecret: string | null; sessionIdleMs: number; cookieSecure: boolean | 'auto' };
  embedder: {
    kind: 'none' | 'hashed' | 'transformers' | 'workers-ai';
    dimension: number;
    model: string;
    modelsDir: string;
    dtype: ModelDtype;
    /** Workers AI over its REST API, for builds on Node (`npm run build:worker` with EMBEDDER=workers-ai); the Worker uses its AI binding. */
    cloudflare?: { accountId: string; apiToken: string; apiBase: string } | null;
  };
  /** Weight null: the measured default for the embedder (`DEFAULT_FUSION_WEIGHTS`). */
  fusion: { method: 'score' | 'rrf'; weight: number | null };
  /** `vectorize`: Cloudflare Vectorize (Workers, EMBEDDER=workers-ai); `hnsw` is Node only. */
  vectorIndex: 'auto' | 'hnsw' | 'exact' | 'vectorize';
  /** Each chat platform's settings, or the variables it still needs (the channel is then off). */
  zalo: ZaloSettings | { missing: string[] };
  messenger: MessengerSettings | { missing: string[] };
};

function parseOrThrow<T>(name: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new Error(`Invalid configuration: ${name}: ${(error as Error).message}`);
  }
}

/**
 * Reads `.env` from the working directory when there is one (variables already set in the
 * environment win). Called by each entry before `loadConfig`.
 */
export function loadDotEnv(file = '.env'): boolean {
  try {
    process.loadEnvFile(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new Error(`Could not read ${file}: ${(error as Error).message}`);
  }
}

/** "https://a.gov.vn, https://b.gov.vn/" → exact origins; empty or "*" → any. */
function parseOrigins(value: string): string[] {
  const origins = value
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  if (origins.length === 0 || origins.includes('*')) return ['*'];
  for (const origin of origins) {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new Error(`Invalid configuration: ALLOWED_ORIGINS: "${origin}" is not an origin such as https://example.gov.vn`);
    }
    if (parsed.origin !== origin) throw new Error(`Invalid configuration: ALLOWED_ORIGINS: "${origin}" is not an origin (scheme, host and port only; did you mean ${parsed.origin}?)`);
  }
  return origins;
}

function llmSettings(e: z.infer<typeof schema>): Config['llm'] {
  if (e.LLM_PROVIDER === 'none') return null;
  // Workers AI is the Worker's binding: no endpoint or key, and a default model.
  const workersAi = e.LLM_PROVIDER === 'workers-ai';
  if (!workersAi && !e.LLM_MODEL) throw new Error(`Invalid configuration: LLM_MODEL: required when LLM_PROVIDER=${e.LLM_PROVIDER} (e.g. qwen2.5:7b-instruct for Ollama)`);
  if (e.LLM_PROVIDER === 'openai' && !e.LLM_BASE_URL && !e.LLM_API_KEY) {
    throw new Error('Invalid configuration: LLM_BASE_URL or LLM_API_KEY: an OpenAI-compatible provider needs its endpoint (a local server) or a key (api.openai.com)');
  }
  return {
    provider: e.LLM_PROVIDER,
    baseUrl: workersAi ? null : (e.LLM_BASE_URL ?? null),
    model: e.LLM_MODEL ?? WORKERS_AI_CHAT_MODEL,
    apiKey: workersAi ? null : (e.LLM_API_KEY ?? null),
    timeoutMs: e.LLM_TIMEOUT_MS,
    // Workers AI's own default is 256 tokens for many models: LLM_MAX_TOKENS is always sent.
    maxTokens: e.LLM_MAX_TOKENS,
    temperature: e.LLM_TEMPERATURE,
  };
}

function firstAdmin(e: z.infer<typeof schema>): Config['staff']['firstAdmin'] {
  if (!e.ADMIN_USERNAME && !e.ADMIN_PASSWORD) return null;
  if (!e.ADMIN_USERNAME || !e.ADMIN_PASSWORD) throw new Error('Invalid configuration: ADMIN_USERNAME and ADMIN_PASSWORD: set both (the first admin of a fresh install) or neither');
  return { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD };
}

/** The variables of `required` that are not set (trimmed empty counts as not set). */
function missing(e: Record<string, unknown>, required: readonly string[]): string[] {
  return required.filter((name) => typeof e[name] !== 'string' || e[name] === '');
}

const base = (url: string) => url.replace(/\/+$/, '');

function zaloSettings(e: z.infer<typeof schema>): Config['zalo'] {
  const absent = missing(e, ZALO_REQUIRED);
  if (absent.length > 0) return { missing: absent };
  return {
    appId: e.ZALO_APP_ID as string,
    appSecret: e.ZALO_APP_SECRET as string,
    oaSecretKey: e.ZALO_OA_SECRET_KEY as string,
    accessToken: e.ZALO_ACCESS_TOKEN as string,
    refreshToken: e.ZALO_REFRESH_TOKEN as string,
    oaId: e.ZALO_OA_ID ?? null,
    openApiBase: base(e.ZALO_OPENAPI_BASE),
    oauthBase: base(e.ZALO_OAUTH_BASE),
  };
}

function messengerSettings(e: z.infer<typeof schema>): Config['messenger'] {
  const absent = missing(e, MESSENGER_REQUIRED);
  if (absent.length > 0) return { missing: absent };
  return {
    appSecret: e.FB_APP_SECRET as string,
    verifyToken: e.FB_VERIFY_TOKEN as string,
    pageAccessToken: e.FB_PAGE_ACCESS_TOKEN as string,
    graphApiBase: base(e.GRAPH_API_BASE),
    graphApiVersion: e.GRAPH_API_VERSION,
  };
}

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
    province: e.PROVINCE,
    defaultDocument: e.DEFAULT_DOCUMENT,
    allowedOrigins: parseOrigins(e.ALLOWED_ORIGINS),
    rateLimit: { perMinute: e.RATE_LIMIT_PER_MINUTE, burst: e.RATE_LIMIT_BURST },
    trustedProxies: parseOrThrow('TRUST_PROXY', () => parseTrustedProxies(e.TRUST_PROXY)),
    metricsToken: e.METRICS_TOKEN?.trim() || null,
    dbMaxMb: e.DB_MAX_MB,
    answerCacheSize: e.ANSWER_CACHE_SIZE,
    llm: llmSettings(e),
    conversationTtlMs: e.CONVERSATION_TTL_MINUTES * 60_000,
    retentionDays: e.RETENTION_DAYS,
    staff: {
      firstAdmin: firstAdmin(e),
      sessionSecret: e.SESSION_SECRET ?? null,
      sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
      cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    },
    embedder: {
      kind: e.EMBEDDER,
      dimension: e.EMBEDDING_DIM,
      model: e.EMBEDDING_MODEL,
      modelsDir: e.MODELS_DIR,
      dtype: e.EMBEDDING_DTYPE,
      cloudflare: e.CLOUDFLARE_ACCOUNT_ID && e.CLOUDFLARE_API_TOKEN ? { accountId: e.CLOUDFLARE_ACCOUNT_ID, apiToken: e.CLOUDFLARE_API_TOKEN, apiBase: base(e.CLOUDFLARE_API_BASE) } : null,
    },
    fusion: { method: e.FUSION, weight: e.FUSION_WEIGHT ?? null },
    vectorIndex: e.VECTOR_INDEX,
    zalo: zaloSettings(e),
    messenger: messengerSettings(e),
  };
}
