/**
 * @module
 * `POST /api/chat`: JSON, or Server-Sent Events when the client asks for
 * `text/event-stream` first. Validation errors are plain JSON before any stream starts;
 * a failure after the stream started is an `error` event, then the end.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { AppError, errorBody } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { toSource } from '../../conversation/service.ts';
import { openChat, respondToChat, toChatResponse, type ChatDeps } from './chat-service.ts';
import { readJson } from './read-json.ts';
import { chatRequestSchema } from './schemas.ts';

function wantsStream(c: Context): boolean {
  const first = (c.req.header('accept') ?? '').split(',')[0]?.split(';')[0]?.trim().toLowerCase();
  return first === 'text/event-stream';
}

/** Splits an answer into deltas at line ends and sentence ends ("…. Sau"), so it renders progressively. */
function deltas(answer: string): string[] {
  return answer.split(/(?<=\n)|(?<=[.!?] )(?=\p{Lu})/u).filter(Boolean);
}

export function createChatHandler(getDeps: () => ChatDeps, logger: Logger) {
  return async (c: Context) => {
    const request = await readJson(c, chatRequestSchema);
    const deps = getDeps();
    // Read only if a generation needs it: a client that leaves stops the model (creating the signal costs on the hot path).
    const aborted = {
      get signal() {
        return c.req.raw.signal;
      },
    };
    if (!wantsStream(c)) return c.json(await respondToChat(deps, request, aborted));
    // Admission (and a 409) happens before the stream starts; only answering runs inside it.
    const open = await openChat(deps, request);
    return streamSSE(c, async (stream) => {
      // Hooks fire synchronously from the answering; their events are written in order.
      let writing = Promise.resolve();
      const send = (event: string, data: unknown) => {
        writing = writing.then(() => stream.writeSSE({ event, data: JSON.stringify(data) }));
      };
      let streamedText = false;
      try {
        const result = await deps.conversations.answer(open, {
          get signal() {
            return aborted.signal;
          },
          onSources: (sources) => send('sources', sources.map((p) => toSource(p, deps.documents))),
          onDelta: (text) => {
            streamedText = true;
            send('delta', { text });
          },
        });
        const response = toChatResponse(result, deps.documents);
        // An extractive answer arrives whole: it is sent in pieces so it renders progressively.
        if (!streamedText) for (const text of deltas(response.answer)) send('delta', { text });
        // When a generated answer was replaced (a check failed), `done` carries the answer to show.
        send('done', response);
        await writing;
      } catch (error) {
        await writing.catch(() => {});
        const known = error instanceof AppError ? error : new AppError('internal');
        if (!(error instanceof AppError)) logger.error('chat stream failed', { error });
        await stream.writeSSE({ event: 'error', data: JSON.stringify(errorBody(known.code, known.message).error) });
      }
    });
  };
}
