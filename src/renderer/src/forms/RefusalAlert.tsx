// A refusal that names no field of the form: the rule and its numbers, above the buttons.
import { Alert } from '@mantine/core';
import type { LocalRefusal } from '../db/localMutations';

export function RefusalAlert({ refusal }: { refusal: LocalRefusal | null }) {
  if (!refusal) return null;
  return (
    <Alert color="red" variant="light" title="Not saved" role="alert" p="xs">
      {refusal.message}
    </Alert>
  );
}
