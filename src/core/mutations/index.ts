// The registry of named mutations, and the one entry point the app and the server both
// call: parse (name, version, args) and apply it to a customer's book.
import { rejectionFromZod, type Rejection } from '../rejection';
import type { CustomerBook } from '../records';
import { customerMutations } from './customerMutations';
import { entitlementMutations } from './entitlementMutations';
import { exceptionMutations } from './exceptionMutations';
import { goLiveMutations } from './goLiveMutations';
import type { MutationContext, MutationDefinition, MutationOutcome, MutationScope } from './mutation';
import { reviewMutations } from './reviewMutations';
import { ticketMutations } from './ticketMutations';

export type { Actor, Changes, MutationContext, MutationOutcome, MutationScope, Role } from './mutation';

type AnyMutation = MutationDefinition<never>;

export const mutationRegistry: ReadonlyMap<string, AnyMutation> = new Map(
  [
    ...customerMutations,
    ...goLiveMutations,
    ...reviewMutations,
    ...entitlementMutations,
    ...ticketMutations,
    ...exceptionMutations,
  ].map((definition) => [`${definition.name}@${definition.version}`, definition as unknown as AnyMutation]),
);

export const mutationNames: readonly string[] = [
  ...new Set([...mutationRegistry.values()].map((m) => m.name)),
];

export type MutationRequest = { name: string; version: number; args: unknown };

export type ParsedMutation = {
  definition: AnyMutation;
  args: never;
  scope: MutationScope;
};

/** Finds the mutation and validates its arguments; unknown names and versions are their own error. */
export function parseMutation(
  request: MutationRequest,
): { ok: true; value: ParsedMutation } | { ok: false; rejection: Rejection } {
  const definition = mutationRegistry.get(`${request.name}@${request.version}`);
  if (!definition) {
    const known = mutationNames.includes(request.name);
    return {
      ok: false,
      rejection: {
        code: 'unknown-mutation',
        message: known
          ? `This console does not know version ${request.version} of ${request.name}; update it.`
          : `There is no mutation named ${request.name}.`,
        field: known ? 'version' : 'name',
      },
    };
  }
  const parsed = definition.args.safeParse(request.args);
  if (!parsed.success) return { ok: false, rejection: rejectionFromZod(parsed.error) };
  return { ok: true, value: { definition, args: parsed.data, scope: definition.scope(parsed.data) } };
}

/** Parses and applies a mutation. `loadBook` gives the customer's records (null when there is no such customer). */
export function runMutation(
  request: MutationRequest,
  loadBook: (scope: MutationScope) => CustomerBook | null,
  context: MutationContext,
): MutationOutcome {
  const parsed = parseMutation(request);
  if (!parsed.ok) return parsed;
  const { definition, args, scope } = parsed.value;
  return definition.apply(loadBook(scope), args, context);
}
