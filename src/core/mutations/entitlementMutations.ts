// Placeholder: filled in by the feature's own work.
import type { MutationDefinition } from './mutation';

export const entitlementMutations: readonly MutationDefinition<never>[] = [];
