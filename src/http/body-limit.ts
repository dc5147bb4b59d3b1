/**
 * @module
 * The request body cap. With a Content-Length (what browsers and the widget send) the
 * header decides and the body is left unread, so the Node adapter can later read it
 * straight from the socket; Hono's bodyLimit, which wraps the body in a web stream to
 * count it, is used only for chunked bodies. Profiling /api/chat under load showed that
 * stream wrapping among the top costs of a request.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export function limitBody(maxSize: number, onError: (c: Context) => Response): MiddlewareHandler {
  const streaming = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined && /^\d+$/.test(length.trim())) {
      if (Number(length) > maxSize) return onError(c);
      await next();
      return;
    }
    return streaming(c, next);
  };
}
