// The sync protocol between the console and the team server, as zod schemas both import:
// push (named mutations), pull (rows by cursor, with this client's mutation results), poke.
// Pure: no Node or DOM, so the renderer, the main process and the server share it.
import { z } from 'zod';
import { roles } from './mutations/mutation';
import type { PlanTemplate } from './plans';
import { tableNames } from './records';
import { instantSchema } from './time';

export const SYNC_PROTOCOL_VERSION = 1;

/** A console install's id, made once on first start (a UUID fits). */
export const clientIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be 1 to 64 letters, digits or _ . : -');

/** Per client 1, 2, 3, …: each mutation the console queues takes the next id. */
export const mutationIdSchema = z
  .number()
  .int('must be a whole number')
  .positive()
  .max(Number.MAX_SAFE_INTEGER);

/** Team version: every row the server writes takes the next one. 0 = nothing pulled yet. */
export const cursorSchema = z
  .number()
  .int('must be a whole number')
  .nonnegative()
  .max(Number.MAX_SAFE_INTEGER);

export const MAX_MUTATIONS_PER_PUSH = 500;
export const DEFAULT_PULL_LIMIT = 1_000;
export const MAX_PULL_LIMIT = 10_000;
/** Mutation results a pull returns at most; ask again from the last one for more. */
export const MAX_PULL_RESULTS = 1_000;

export const pushedMutationSchema = z.object({
  id: mutationIdSchema,
  name: z.string().min(1).max(100),
  version: z.number().int().positive(),
  /** Validated by the mutation's own schema on the server, like on the client. */
  args: z.unknown(),
  /** When the user did it, on their machine. */
  clientTime: instantSchema,
});
export type PushedMutation = z.input<typeof pushedMutationSchema>;

export const pushRequestSchema = z.object({
  clientId: clientIdSchema,
  mutations: z
    .array(pushedMutationSchema)
    .min(1)
    .max(MAX_MUTATIONS_PER_PUSH)
    .superRefine((mutations, context) => {
      mutations.forEach((mutation, index) => {
        const previous = mutations[index - 1];
        if (previous && mutation.id !== previous.id + 1) {
          context.addIssue({
            code: 'custom',
            path: [index, 'id'],
            message: `must follow ${previous.id} as ${previous.id + 1}; mutation ids go up by one`,
          });
        }
      });
    }),
});
export type PushRequest = z.input<typeof pushRequestSchema>;

/** Why a mutation was refused: the rule, in words, with its numbers (see core/rejection.ts). */
export const rejectionSchema = z.object({
  /** A core RejectionCode, or `mutation-failed` when the rule code itself failed on the server. */
  code: z.string().min(1),
  message: z.string(),
  field: z.string().optional(),
  numbers: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])).optional(),
});
export type ServerRejection = z.infer<typeof rejectionSchema>;

export const mutationResultSchema = z.discriminatedUnion('status', [
  z.object({
    mutationId: mutationIdSchema,
    name: z.string(),
    status: z.literal('applied'),
    /** One line for the activity view. */
    summary: z.string(),
  }),
  z.object({
    mutationId: mutationIdSchema,
    name: z.string(),
    status: z.literal('rejected'),
    rejection: rejectionSchema,
  }),
]);
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({
  /** The last mutation id the server has processed (applied or rejected) for this client. */
  lastMutationId: z.number().int().nonnegative(),
  /** One per pushed mutation, in order; a retried id returns its stored result. */
  results: z.array(mutationResultSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullRequestSchema = z.object({
  clientId: clientIdSchema,
  cursor: cursorSchema.default(0),
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
  /** Return this client's mutation results with a higher id than this. */
  resultsAfter: z.number().int().nonnegative().default(0),
});
export type PullRequest = z.input<typeof pullRequestSchema>;

export const rowChangeSchema = z.object({
  table: z.enum(tableNames),
  id: z.string(),
  customerId: z.string().nullable(),
  version: z.number().int().positive(),
  /** A tombstone: the row was deleted; `record` is null. */
  deleted: z.boolean(),
  record: z.record(z.string(), z.unknown()).nullable(),
});
export type RowChange = z.infer<typeof rowChangeSchema>;

export const pullResponseSchema = z.object({
  /** Pass it back as `cursor` on the next pull. */
  cursor: cursorSchema,
  /** More rows or results wait: pull again at once. Rebase onto `lastMutationId` only when false. */
  hasMore: z.boolean(),
  /** The last mutation id the server has processed for this client: drop pending ones up to it. */
  lastMutationId: z.number().int().nonnegative(),
  /** The team's version when this page was read: with `cursor`, how far a first sync has come. */
  teamVersion: cursorSchema.optional(),
  /** In version order; a row appears once, at its latest version. */
  changes: z.array(rowChangeSchema),
  /** This client's results after `resultsAfter`, oldest first: rejections go to Needs attention. */
  results: z.array(mutationResultSchema),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** The `data:` of the `ready` (on connect) and `poke` (after each write) server-sent events. */
export const pokeEventSchema = z.object({
  /** The team's version after the write; null when the server may have missed writes. Pull either way. */
  version: cursorSchema.nullable(),
});
export type PokeEvent = z.infer<typeof pokeEventSchema>;

/** Every error response: a machine-readable code, one sentence, and the field at fault if any. */
export const problemSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  /** 409 mutation-gap: the id the server expects next from this client. */
  expectedMutationId: z.number().int().positive().optional(),
  /** 422 unknown-mutation: the mutation the console must be updated for. */
  mutationId: z.number().int().positive().optional(),
  /** 429 and 503: when to try again. */
  retryAfterSeconds: z.number().nonnegative().optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const problemCodes = {
  invalidBody: 'invalid-body',
  invalidJson: 'invalid-json',
  unauthorized: 'unauthorized',
  notFound: 'not-found',
  mutationGap: 'mutation-gap',
  cursorAhead: 'cursor-ahead',
  bodyTooLarge: 'body-too-large',
  unsupportedMediaType: 'unsupported-media-type',
  unknownMutation: 'unknown-mutation',
  rateLimited: 'rate-limited',
  unavailable: 'unavailable',
  internal: 'internal',
} as const;

export const whoAmISchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), role: z.enum(roles) }),
  team: z.object({ id: z.string(), name: z.string() }),
  protocolVersion: z.number().int(),
});
export type WhoAmI = z.infer<typeof whoAmISchema>;

/** GET /team: the members of the caller's team, so consoles can show names instead of user ids. */
export const teamMemberSchema = z.object({ id: z.string(), name: z.string(), role: z.enum(roles) });
export type TeamMember = z.infer<typeof teamMemberSchema>;
export const teamMembersSchema = z.array(teamMemberSchema);

export const auditChangeSchema = z.object({
  table: z.string(),
  id: z.string(),
  deleted: z.boolean(),
  /** The record before the change; null when it was created. */
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});

export const auditEntrySchema = z.object({
  id: z.number().int().positive(),
  at: z.string(),
  userId: z.string().nullable(),
  clientId: z.string().nullable(),
  mutationId: z.number().int().nullable(),
  /** The mutation's name, or `admin:…` for records an administrator loaded. */
  name: z.string(),
  version: z.number().int().nullable(),
  customerId: z.string().nullable(),
  status: z.enum(['applied', 'rejected']),
  clientTime: z.string().nullable(),
  summary: z.string().nullable(),
  rejection: rejectionSchema.nullable(),
  changes: z.array(auditChangeSchema),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.object({
  customerId: z.string().min(1).max(64).optional(),
  /** Entries older than this id (newest first); leave out for the newest. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const auditResponseSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** Pass as `before` for the next older page; null at the start of the log. */
  nextBefore: z.number().int().nullable(),
});
export type AuditResponse = z.infer<typeof auditResponseSchema>;

/**
 * The templates a team works with: the shipped ones, each replaced by the team's saved template
 * of the same id, plus the team's own. Client and server must agree, so both call this.
 */
export function teamPlanTemplates(
  shipped: readonly PlanTemplate[],
  saved: readonly PlanTemplate[],
): PlanTemplate[] {
  const byId = new Map(shipped.map((template) => [template.id, template]));
  for (const template of saved) byId.set(template.id, template);
  return [...byId.values()];
}
