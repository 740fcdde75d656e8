import { ApolloServer, BaseContext, HeaderMap } from '@apollo/server';
import { AsyncResource } from 'node:async_hooks';
import { IncomingMessage, ServerResponse } from 'node:http';
import { RequestHandler } from 'express';
import { BODY_NOT_JSON, BODY_TOO_LARGE, noteRequestError } from './request-log.plugin';

/** express.json's limit on /graphql (1 MB, as the `bytes` package reads '1mb'). */
export const GRAPHQL_BODY_LIMIT = 1024 * 1024;

/** A body this front refuses before GraphQL runs: the request log records BAD_REQUEST, the client gets JSON. */
interface BodyRefusal {
  status: number;
  message: string;
}

const NOT_JSON: BodyRefusal = { status: 400, message: BODY_NOT_JSON };
const TOO_LARGE: BodyRefusal = { status: 413, message: BODY_TOO_LARGE };

export interface GraphqlFrontOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  /** The request log (requestLogMiddleware): it runs first and calls next() inside the request's scope. */
  requestLog: RequestHandler;
  /** The GraphQL context for a request whose JSON body has been read. */
  context: (req: IncomingMessage, body: unknown) => Promise<C>;
}

/**
 * The common GraphQL request (POST /graphql with a plain JSON body, no Origin header, no
 * Idempotency-Key) goes from Node's HTTP server straight to Apollo. Everything else, and every
 * other path, goes to Express as before. Issue 17: a trivial read cost the hub 0.53 ms of CPU
 * against PostGraphile's 0.14 ms, and Express's router, body-parser, cors and the Express
 * integration were a large part of the difference.
 *
 * What those layers did here is done the same way: the request log line, a 1 MB body limit (413),
 * a body that is not JSON (400 BAD_REQUEST, the same message), an empty body read as `{}`, and
 * Apollo's own answer, headers and status. A request with an Origin (any browser's POST, same
 * origin or not) still goes through cors; one with an Idempotency-Key still goes through the
 * idempotency middleware; another content type or charset, or a compressed body, still goes
 * through body-parser's handling and refusals.
 */
export function graphqlFront<C extends BaseContext>(o: GraphqlFrontOptions<C>): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (!takes(req)) return false;
    o.requestLog(req as never, res as never, () => readBody(req, res, o));
    return true;
  };
}

const PLAIN_JSON = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

function takes(req: IncomingMessage): boolean {
  if (req.method !== 'POST') return false;
  const h = req.headers;
  if (h.origin !== undefined || h['idempotency-key'] !== undefined) return false;
  if (h['content-encoding'] !== undefined && h['content-encoding'].toLowerCase() !== 'identity') return false;
  const path = req.url ?? '';
  if (path !== '/graphql' && !path.startsWith('/graphql?')) return false;
  return typeof h['content-type'] === 'string' && PLAIN_JSON.test(h['content-type']);
}

function readBody<C extends BaseContext>(req: IncomingMessage, res: ServerResponse, o: GraphqlFrontOptions<C>): void {
  const declared = Number(req.headers['content-length']);
  if (declared > GRAPHQL_BODY_LIMIT) return refuse(req, res, TOO_LARGE, true);
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  req.on('data', (chunk: Buffer) => {
    if (over) return;
    size += chunk.length;
    if (size > GRAPHQL_BODY_LIMIT) {
      over = true;
      chunks.length = 0;
      return;
    }
    chunks.push(chunk);
  });
  req.on('error', () => res.destroy());
  // Run in the request's scope (its log record, statement count): 'end' fires in the socket's own.
  // (AsyncResource.bind would do the same, at the cost of a deprecation wrapper per request.)
  const scope = new AsyncResource('hub.graphqlBody');
  req.on('end', () => scope.runInAsyncScope(() => {
    if (over) return refuse(req, res, TOO_LARGE, false);
    let text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
    // As body-parser reads it: a byte order mark dropped (its decoder drops it), an empty body is {},
    // anything else must be strict JSON, an object or an array after JSON's own whitespace.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let body: unknown;
    if (text.length === 0) body = {};
    else {
      const first = /^[\x20\x09\x0a\x0d]*(.)/s.exec(text)?.[1];
      try {
        if (first !== '{' && first !== '[') throw new Error('not strict JSON');
        body = JSON.parse(text);
      } catch {
        return refuse(req, res, NOT_JSON, false);
      }
    }
    answer(req, res, body, o).catch((e) => {
      // Apollo answers its own failures; this is the socket failing under us.
      res.destroy(e as Error);
    });
  }));
}

async function answer<C extends BaseContext>(req: IncomingMessage, res: ServerResponse, body: unknown, o: GraphqlFrontOptions<C>): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  const url = req.url ?? '';
  const q = url.indexOf('?');
  const response = await o.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search: q < 0 ? '' : url.slice(q), body },
    context: () => o.context(req, body),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.setHeader('content-length', Buffer.byteLength(response.body.string));
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function refuse(req: IncomingMessage, res: ServerResponse, r: BodyRefusal, early: boolean): void {
  noteRequestError('BAD_REQUEST');
  const text = JSON.stringify({ errors: [{ message: r.message, extensions: { code: 'BAD_REQUEST' } }] });
  res.statusCode = r.status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  // Refused before the body was read: close, as body-parser's error path does not drain it either.
  if (early) res.setHeader('connection', 'close');
  res.end(text);
  if (early) req.resume();
}
