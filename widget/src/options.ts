/**
 * @module
 * Options from the script tag's `data-*` attributes, checked where they enter: anything
 * invalid falls back to its default rather than breaking the host page.
 */
import { parseHex, type Rgb } from './colour.ts';
import { stringsFor, type Lang } from './i18n.ts';

export interface WidgetOptions {
  title: string;
  greeting: string;
  colour: Rgb;
  position: 'bottom-right' | 'bottom-left';
  /** API base URL without a trailing slash, e.g. `https://hoidap.example.vn`. */
  api: string;
  suggestions: string[];
  lang: Lang;
  documentId: string | null;
}

export const DEFAULT_COLOUR = '#a50e0e';
const MAX_SUGGESTIONS = 6;

/** An http(s) URL's href, or null: the only links the widget ever renders or calls. */
export function httpUrl(value: string | null | undefined, base?: string): URL | null {
  if (!value) return null;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * @param attr reads one `data-*` attribute of the script tag (name without `data-`)
 * @param scriptSrc the script's own URL (its origin is the default API)
 * @param pageUrl the host page's URL (the API when the script has no src)
 */
export function parseOptions(attr: (name: string) => string | null, scriptSrc: string | null, pageUrl: string): WidgetOptions {
  const text = (name: string) => (attr(name) || '').trim();
  const lang: Lang = text('lang').toLowerCase() === 'en' ? 'en' : 'vi';
  const t = stringsFor(lang);
  const fromScript = httpUrl(scriptSrc, pageUrl) || httpUrl(pageUrl);
  const api = httpUrl(text('api'), pageUrl);
  const apiBase = api ? (api.origin + api.pathname).replace(/\/+$/, '') : fromScript ? fromScript.origin : '';
  const documentId = text('document');
  return {
    title: text('title') || t.title,
    greeting: text('greeting') || t.greeting,
    colour: parseHex(text('color')) || (parseHex(DEFAULT_COLOUR) as Rgb),
    position: text('position') === 'bottom-left' ? 'bottom-left' : 'bottom-right',
    api: apiBase,
    suggestions: text('suggestions')
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean)
      .slice(0, MAX_SUGGESTIONS),
    lang,
    documentId: documentId && documentId.length <= 128 ? documentId : null,
  };
}
