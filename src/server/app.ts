// The team server's HTTP face: routes, bearer-token auth scoped to the caller's team, a rate limit
// per token, the body limit, and one error handler so every failure is a status with a
// machine-readable code and never a stack trace.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { rejectionFromZod } from '../core/rejection';
import {
  auditQuerySchema,
  clientIdSchema,
  DEFAULT_PULL_LIMIT,
  MAX_PULL_LIMIT,
  problemCodes,
  pullRequestSchema,
  pushRequestSchema,
  SYNC_PROTOCOL_VERSION,
  type TeamMember,
  type WhoAmI,
} from '../core/syncProtocol';
import { readAudit } from './audit';
import {
  bearerToken,
  hashToken,
  invalidTokenMessage,
  looksLikeToken,
  principalForToken,
  type Principal,
} from './auth';
import { isUnavailable, type Database } from './db/database';
import { openApiDocument } from './openapi';
import { PokeHub } from './pokes';
import { HttpProblem, invalidBody, unauthorized } from './problems';
import { pullChanges } from './pull';
import { pushMutations } from './push';
import { RateLimiter, type RateLimitOptions } from './rateLimit';

export type ServerOptions = {
  db: Database;
  /** The server's clock, as an Instant: every mutation is judged at it. */
  clock?: () => string;
  /** Per bearer token; false turns it off. */
  rateLimit?: RateLimitOptions | false;
  /** Largest accepted request body, in bytes. */
  bodyLimit?: number;
  /** Structured logs (pino), e.g. { level: 'info' }; off when left out (tests). */
  logger?: { level: string } | false;
  /** How often an idle poke stream gets a comment line, so proxies keep it open. */
  heartbeatMs?: number;
  /** Browser origins allowed to call the API besides the defaults (see isConsoleOrigin). */
  corsOrigins?: readonly string[];
};

/**
 * The console's own origins: the desktop app's app://console and a browser build served from this
 * machine (npm run web). Tokens travel as bearer headers, never cookies, so CORS guards nothing
 * secret; it only keeps unrelated web pages from talking to the server with a token they obtained.
 */
export function isConsoleOrigin(origin: string, extra: readonly string[] = []): boolean {
  if (origin === 'app://console' || extra.includes(origin)) return true;
  return /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/.test(origin);
}

export const defaultRateLimit: RateLimitOptions = { burst: 120, perSecond: 60 };
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Logged requests: no query string (it may carry an SSE access token) and no headers. */
function requestForLog(request: { method: string; url: string; ip?: string }) {
  return { method: request.method, url: request.url.split('?')[0], remoteAddress: request.ip };
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { db } = options;
  const clock = options.clock ?? (() => new Date().toISOString());
  const limiter = options.rateLimit === false ? null : new RateLimiter(options.rateLimit ?? defaultRateLimit);
  const heartbeatMs = options.heartbeatMs ?? 20_000;
  const app = Fastify({
    logger: options.logger
      ? { ...options.logger, redact: ['req.headers.authorization'], serializers: { req: requestForLog } }
      : false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
  });
  // JSON only: a text/plain body would otherwise reach the handlers as a string.
  app.removeContentTypeParser('text/plain');
  const principals = new WeakMap<FastifyRequest, Principal>();
  const corsOrigins = options.corsOrigins ?? [];

  // CORS on the raw response, so the hijacked poke stream carries it too.
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !isConsoleOrigin(origin, corsOrigins)) return;
    reply.raw.setHeader('access-control-allow-origin', origin);
    reply.raw.setHeader('vary', 'Origin');
  });
  app.options('/*', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !isConsoleOrigin(origin, corsOrigins)) {
      return reply.code(403).send({
        code: 'forbidden-origin',
        message: `Origin ${origin ?? '(none)'} may not call this server.`,
      });
    }
    return reply
      .code(204)
      .header('access-control-allow-methods', 'GET, POST')
      .header('access-control-allow-headers', 'authorization, content-type')
      .header('access-control-max-age', '600')
      .send();
  });
  const hub = new PokeHub();
  await hub.start(db);
  const streams = new Set<ServerResponse>();

  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
    streams.clear();
    await hub.stop();
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpProblem) {
      return reply.code(error.status).headers(error.headers).send(error.problem);
    }
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    const status =
      typeof error === 'object' && error !== null && 'statusCode' in error ? Number(error.statusCode) : 500;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
      return reply.code(413).send({
        code: problemCodes.bodyTooLarge,
        message: `The request body is larger than the server accepts (${options.bodyLimit ?? DEFAULT_BODY_LIMIT} bytes); push fewer mutations at once.`,
      });
    }
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
      return reply
        .code(415)
        .send({ code: problemCodes.unsupportedMediaType, message: 'Send the body as application/json.' });
    }
    if (
      code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      error instanceof SyntaxError
    ) {
      return reply
        .code(400)
        .send({ code: problemCodes.invalidJson, message: 'The request body is not valid JSON.' });
    }
    if (isUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply.code(503).header('retry-after', '1').send({
        code: problemCodes.unavailable,
        message: 'The team server is busy or restarting; try again.',
        retryAfterSeconds: 1,
      });
    }
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ code: 'bad-request', message: 'The request could not be read.' });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({
      code: problemCodes.internal,
      message: 'Something went wrong on the team server; the request can be retried.',
    });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({
      code: problemCodes.notFound,
      message: `There is no ${request.method} ${request.url.split('?')[0]}.`,
    });
  });

  /** EventSource cannot send headers: the poke stream also takes ?access_token=. */
  function tokenFromQuery(request: FastifyRequest): string | null {
    const query = request.query as Record<string, unknown> | undefined;
    return request.routeOptions.url === '/poke' && typeof query?.access_token === 'string'
      ? query.access_token
      : null;
  }

  const signInMessage = 'Sign in: send your token as "Authorization: Bearer <token>".';

  /** One request off the presented token's budget (keyed by its hash, before any lookup). */
  function takeRequest(tokenHash: string): void {
    const taken = limiter?.take(tokenHash);
    if (!taken || taken.ok) return;
    throw new HttpProblem(
      429,
      {
        code: problemCodes.rateLimited,
        message: `Too many requests with this token; try again in ${taken.retryAfterSeconds} s.`,
        retryAfterSeconds: taken.retryAfterSeconds,
      },
      { 'retry-after': String(taken.retryAfterSeconds) },
    );
  }

  async function authenticate(request: FastifyRequest): Promise<void> {
    const token = bearerToken(request.headers.authorization) ?? tokenFromQuery(request);
    if (!token) throw unauthorized(signInMessage);
    takeRequest(hashToken(token));
    const principal = await principalForToken(db, token);
    if (!principal) throw unauthorized(invalidTokenMessage);
    principals.set(request, principal);
  }

  /**
   * A push checks its token in its first statement (see push.ts); before the body is read, only
   * the token's presence, shape and budget.
   */
  const pushTokens = new WeakMap<FastifyRequest, string>();
  async function presentedToken(request: FastifyRequest): Promise<void> {
    const token = bearerToken(request.headers.authorization);
    if (!token) throw unauthorized(signInMessage);
    if (!looksLikeToken(token)) throw unauthorized(invalidTokenMessage);
    const tokenHash = hashToken(token);
    takeRequest(tokenHash);
    pushTokens.set(request, tokenHash);
  }

  function principalOf(request: FastifyRequest): Principal {
    const principal = principals.get(request);
    if (!principal) throw unauthorized('Sign in first.');
    return principal;
  }

  function parse<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
    const parsed = schema.safeParse(value ?? {});
    if (!parsed.success) throw invalidBody(rejectionFromZod(parsed.error));
    return parsed.data;
  }

  const pullQuerySchema = z.object({
    clientId: clientIdSchema,
    cursor: z.coerce.number().int().nonnegative().default(0),
    limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
    resultsAfter: z.coerce.number().int().nonnegative().default(0),
  });

  app.get('/health', async (_request, reply) => {
    await db.query('SELECT 1');
    return reply.send({ status: 'ok', engine: db.engine, protocolVersion: SYNC_PROTOCOL_VERSION });
  });

  const document = openApiDocument();
  app.get('/openapi.json', async () => document);

  app.get('/me', { onRequest: authenticate }, async (request): Promise<WhoAmI> => {
    const principal = principalOf(request);
    return {
      user: { id: principal.userId, name: principal.userName, role: principal.role },
      team: { id: principal.teamId, name: principal.teamName },
      protocolVersion: SYNC_PROTOCOL_VERSION,
    };
  });

  app.get('/team', { onRequest: authenticate }, async (request): Promise<TeamMember[]> => {
    const rows = await db.query<TeamMember>(
      'SELECT id, name, role FROM users WHERE team_id = $1 ORDER BY name, id',
      [principalOf(request).teamId],
    );
    return rows.map(({ id, name, role }) => ({ id, name, role }));
  });

  app.post('/push', { onRequest: presentedToken }, async (request) => {
    const tokenHash = pushTokens.get(request);
    if (!tokenHash) throw unauthorized(signInMessage);
    const body = pushRequestSchema.safeParse(request.body ?? {});
    if (!body.success) {
      // A bad token is 401 before a bad body is 400, as on every other endpoint.
      const token = bearerToken(request.headers.authorization) ?? '';
      if (!(await principalForToken(db, token))) throw unauthorized(invalidTokenMessage);
      throw invalidBody(rejectionFromZod(body.error));
    }
    const outcome = await pushMutations(
      {
        db,
        now: clock,
        onMutationError: (error, mutation) => request.log.error({ err: error, mutation }, 'mutation threw'),
      },
      tokenHash,
      body.data,
    );
    const { principal } = outcome;
    request.log.info(
      {
        teamId: principal.teamId,
        userId: principal.userId,
        clientId: body.data.clientId,
        applied: outcome.applied,
        rejected: outcome.rejected,
        lastMutationId: outcome.response.lastMutationId,
        version: outcome.version,
      },
      'push',
    );
    return outcome.response;
  });

  // pullChanges answers JSON text: the rows' JSON comes from the database as it is.
  app.get('/pull', { onRequest: authenticate }, async (request, reply) => {
    const body = await pullChanges(db, principalOf(request), parse(pullQuerySchema, request.query));
    return reply.type('application/json; charset=utf-8').send(body);
  });
  app.post('/pull', { onRequest: authenticate }, async (request, reply) => {
    const body = await pullChanges(db, principalOf(request), parse(pullRequestSchema, request.body));
    return reply.type('application/json; charset=utf-8').send(body);
  });

  app.get('/audit', { onRequest: authenticate }, async (request) =>
    readAudit(db, principalOf(request), parse(auditQuerySchema, request.query)),
  );

  app.get('/poke', { onRequest: authenticate }, async (request, reply: FastifyReply) => {
    const principal = principalOf(request);
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // A stream closed on revocation stays subscribed until its 'close': write nothing after the end.
    const write = (text: string) => {
      if (!stream.writableEnded) stream.write(text);
    };
    const send = (event: string, version: number | null) =>
      write(`event: ${event}\ndata: ${JSON.stringify({ version })}\n\n`);
    // Subscribe before reading the version, so no write falls between the two.
    const unsubscribe = hub.subscribe(principal.teamId, (version) => send('poke', version));
    // A revoked token's stream closes at once (the revocation's NOTIFY); the heartbeat also looks
    // the token up again, should a notification have been missed while LISTEN reconnected.
    const close = () => stream.end();
    const unwatch = hub.watchRevocation(principal.tokenId, close);
    const token = bearerToken(request.headers.authorization) ?? tokenFromQuery(request);
    const heartbeat = setInterval(() => {
      write(': keep-alive\n\n');
      if (token)
        principalForToken(db, token).then(
          (still) => {
            if (!still) close();
          },
          () => undefined, // the database is away: keep the stream, the next heartbeat asks again
        );
    }, heartbeatMs);
    streams.add(stream);
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      unwatch();
      streams.delete(stream);
    });
    try {
      const [team] = await db.query<{ version: unknown }>('SELECT version FROM teams WHERE id = $1', [
        principal.teamId,
      ]);
      write('retry: 3000\n\n');
      send('ready', Number(team?.version ?? 0));
    } catch (error) {
      request.log.warn({ err: error }, 'poke stream could not start');
      stream.end();
    }
  });

  return app;
}
