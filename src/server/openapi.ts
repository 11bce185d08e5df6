// The OpenAPI description of the whole API, generated from the protocol's zod schemas so it
// cannot drift from what the server checks. Served at /openapi.json and kept in docs/openapi.json.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  auditResponseSchema,
  pokeEventSchema,
  problemSchema,
  pullRequestSchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  SYNC_PROTOCOL_VERSION,
  teamMembersSchema,
  whoAmISchema,
} from '../core/syncProtocol';

type JsonObject = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ 'application/json': { schema: ref(name) } });
const problem = (description: string) => ({ description, content: json('Problem') });

const authErrors = {
  '401': problem('No token, or a token that is not valid or was revoked.'),
  '429': problem('Too many requests with this token; see Retry-After.'),
  '500': problem('An error on the server; never a stack trace.'),
  '503': problem('The database is unavailable; retry.'),
};

function query(name: string, description: string, schema: JsonObject, required = false) {
  return { name, in: 'query', required, description, schema };
}

const pullParameters = [
  query('clientId', 'This console install.', { type: 'string' }, true),
  query('cursor', 'The cursor from the last pull; 0 for everything.', {
    type: 'integer',
    minimum: 0,
    default: 0,
  }),
  query('limit', 'Rows per page.', { type: 'integer', minimum: 1, maximum: 10000, default: 1000 }),
  query('resultsAfter', "Return this client's mutation results after this id.", {
    type: 'integer',
    minimum: 0,
    default: 0,
  }),
];

export function openApiDocument(): JsonObject {
  return {
    openapi: '3.1.0',
    info: {
      title: 'TAM Console team server',
      version: String(SYNC_PROTOCOL_VERSION),
      description:
        'Sync for the TAM Console: push named mutations (re-run with the core rules, exactly once, in order), ' +
        'pull changed rows by cursor, and listen for pokes. Every call but /health and /openapi.json needs a ' +
        'bearer token; everything is scoped to the token\u2019s team.',
    },
    security: [{ bearer: [] }],
    paths: {
      '/health': {
        get: {
          summary: 'Whether the server and its database answer',
          security: [],
          responses: {
            '200': {
              description: 'Up.',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      status: { const: 'ok' },
                      engine: { enum: ['pglite', 'postgres'] },
                      protocolVersion: { type: 'integer' },
                    },
                    required: ['status', 'engine', 'protocolVersion'],
                  },
                },
              },
            },
            '503': problem('The database is unavailable.'),
          },
        },
      },
      '/openapi.json': {
        get: {
          summary: 'This document',
          security: [],
          responses: { '200': { description: 'OpenAPI 3.1.' } },
        },
      },
      '/me': {
        get: {
          summary: 'The signed-in user, role and team',
          responses: {
            '200': { description: 'Who the token belongs to.', content: json('WhoAmI') },
            ...authErrors,
          },
        },
      },
      '/team': {
        get: {
          summary: 'The members of the caller\u2019s team, with their names and roles',
          responses: {
            '200': {
              description: 'Every user of the token\u2019s team, by name.',
              content: json('TeamMembers'),
            },
            ...authErrors,
          },
        },
      },
      '/push': {
        post: {
          summary: 'Apply queued mutations',
          description:
            'Mutation ids go up by one per client. Ids already processed return their stored result; the first new ' +
            'id must be the next one (else 409 mutation-gap with expectedMutationId). Each mutation is applied or ' +
            'rejected with the rule, message and numbers; either way the queue advances.',
          requestBody: { required: true, content: json('PushRequest') },
          responses: {
            '200': { description: 'A result per mutation.', content: json('PushResponse') },
            '400': problem('Malformed body: code invalid-body or invalid-json, with the field.'),
            ...authErrors,
            '404': problem('The client id belongs to someone else.'),
            '409': problem('mutation-gap: push from expectedMutationId.'),
            '413': problem('Body over the limit: push fewer mutations at once.'),
            '422': problem(
              'unknown-mutation: this console must be updated; nothing of the push was applied.',
            ),
          },
        },
      },
      '/pull': {
        get: {
          summary: 'Rows changed since a cursor (query form)',
          parameters: pullParameters,
          responses: {
            '200': { description: 'A page of changes.', content: json('PullResponse') },
            '400': problem('A malformed parameter.'),
            ...authErrors,
            '404': problem('The client id belongs to someone else.'),
            '409': problem('cursor-ahead: the cursor is beyond this team\u2019s version; pull from 0.'),
          },
        },
        post: {
          summary: 'Rows changed since a cursor (body form)',
          requestBody: { required: true, content: json('PullRequest') },
          responses: {
            '200': { description: 'A page of changes.', content: json('PullResponse') },
            '400': problem('A malformed body.'),
            ...authErrors,
            '404': problem('The client id belongs to someone else.'),
            '409': problem('cursor-ahead: pull from 0.'),
            '413': problem('Body over the limit.'),
          },
        },
      },
      '/poke': {
        get: {
          summary: 'Server-sent events: pull now',
          description:
            'A text/event-stream. `ready` on connect and `poke` after every write to the team, each with data ' +
            'PokeEvent. The token may also be given as ?access_token= for EventSource.',
          parameters: [
            query('access_token', 'The bearer token, for clients that cannot set headers.', {
              type: 'string',
            }),
          ],
          responses: {
            '200': {
              description: 'An endless event stream.',
              content: { 'text/event-stream': { schema: { type: 'string' } } },
            },
            ...authErrors,
          },
        },
      },
      '/audit': {
        get: {
          summary: 'The audit log, newest first',
          parameters: [
            query('customerId', 'Only this customer\u2019s entries.', { type: 'string' }),
            query('before', 'Entries older than this id.', { type: 'integer', minimum: 1 }),
            query('limit', 'Entries per page.', { type: 'integer', minimum: 1, maximum: 500, default: 100 }),
          ],
          responses: {
            '200': { description: 'Entries.', content: json('AuditResponse') },
            '400': problem('A malformed parameter.'),
            ...authErrors,
            '404': problem('No such customer in your team.'),
          },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        PushRequest: jsonSchema(pushRequestSchema, 'input'),
        PushResponse: jsonSchema(pushResponseSchema, 'output'),
        PullRequest: jsonSchema(pullRequestSchema, 'input'),
        PullResponse: jsonSchema(pullResponseSchema, 'output'),
        PokeEvent: jsonSchema(pokeEventSchema, 'output'),
        WhoAmI: jsonSchema(whoAmISchema, 'output'),
        TeamMembers: jsonSchema(teamMembersSchema, 'output'),
        AuditResponse: jsonSchema(auditResponseSchema, 'output'),
        Problem: jsonSchema(problemSchema, 'output'),
      },
    },
  };
}

/** Where the document is kept in the repository (`npm run server -- openapi` rewrites it). */
export const openApiPath = fileURLToPath(new URL('../../docs/openapi.json', import.meta.url));

export function openApiText(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}
