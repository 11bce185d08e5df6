// Placeholder: filled in by the feature's own work.
import type { MutationDefinition } from './mutation';

export const reviewMutations: readonly MutationDefinition<never>[] = [];
