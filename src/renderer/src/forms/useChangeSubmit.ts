// Submitting a form's named mutations through the one write path, and placing a refusal next to
// the field it names (or above the buttons when it names none of the form's fields).
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import type { MutationRequest } from '../../../core/mutations';
import { applyLocalMutations, type LocalRefusal } from '../db/localMutations';
import { useRuleWords } from '../i18n/useRuleWords';

export type ChangeSubmit = {
  refusal: LocalRefusal | null;
  saving: boolean;
  /** Saves; on success shows the summary as a toast and calls onSaved. Returns whether it saved. */
  submit(requests: readonly MutationRequest[], onSaved?: (summaries: string[]) => void): Promise<boolean>;
  /** The refusal's message when it names this field (or a field inside it). */
  errorFor(...fields: string[]): string | null;
  /** The refusal when it names none of `fields`: shown as an alert. */
  generalRefusal(fields: readonly string[]): LocalRefusal | null;
  reset(): void;
};

/** Whether a refusal's field path ("patch.termMonths", "contract.termMonths") is about `field`. */
export function refusalNamesField(refusalField: string, field: string): boolean {
  return refusalField === field || refusalField.startsWith(`${field}.`) || refusalField.endsWith(`.${field}`);
}

/** The refusal's message for one of `fields`, without the field path it starts with; null otherwise. */
export function fieldMessage(
  refusal: { message: string; field?: string } | null,
  fields: readonly string[],
): string | null {
  const field = refusal?.field;
  if (!refusal || !field) return null;
  if (!fields.some((candidate) => refusalNamesField(field, candidate))) return null;
  // Next to its field the message need not repeat the field's path ("contact.phones.0: ...").
  return refusal.message.startsWith(`${field}: `) ? refusal.message.slice(field.length + 2) : refusal.message;
}

/**
 * `inputs`: the form's values; a refusal is about the values it was given, so it goes away as soon
 * as one of them changes (the live checks, where a form has them, keep judging).
 */
export function useChangeSubmit(inputs: readonly unknown[] = []): ChangeSubmit {
  const [refusal, setRefusal] = useState<LocalRefusal | null>(null);
  const [saving, setSaving] = useState(false);
  const words = useRuleWords();
  const inputKey = JSON.stringify(inputs);
  useEffect(() => setRefusal(null), [inputKey]);

  const submit = useCallback(
    async (requests: readonly MutationRequest[], onSaved?: (summaries: string[]) => void) => {
      setSaving(true);
      try {
        const result = await applyLocalMutations(requests);
        if (!result.ok) {
          setRefusal(result.rejection);
          return false;
        }
        setRefusal(null);
        const said = result.summaries.map((summary, index) =>
          words.change({ name: requests[index]?.name ?? '', args: requests[index]?.args, summary }),
        );
        notifications.show({ message: said.join(' · '), color: 'green', autoClose: 6000 });
        onSaved?.(result.summaries);
        return true;
      } finally {
        setSaving(false);
      }
    },
    [words],
  );

  const errorFor = useCallback((...fields: string[]) => words.field(refusal, fields), [refusal, words]);

  const generalRefusal = useCallback(
    (fields: readonly string[]) => {
      if (!refusal) return null;
      const field = refusal.field;
      if (field && fields.some((candidate) => refusalNamesField(field, candidate))) return null;
      return refusal;
    },
    [refusal],
  );

  const reset = useCallback(() => setRefusal(null), []);
  return { refusal, saving, submit, errorFor, generalRefusal, reset };
}
