// A refusal that names no field of the form: the rule and its numbers, above the buttons.
import { Alert } from '@mantine/core';
import type { LocalRefusal } from '../db/localMutations';
import { useRuleWords } from '../i18n/useRuleWords';

export function RefusalAlert({ refusal }: { refusal: LocalRefusal | null }) {
  const words = useRuleWords();
  if (!refusal) return null;
  return (
    <Alert color="red" variant="light" title={words.t('rules.notSaved')} role="alert" p="xs">
      {words.sentence(refusal)}
    </Alert>
  );
}
