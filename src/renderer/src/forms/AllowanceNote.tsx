// One line on what a new record does to the allowance, from useAllowanceCheck.
import { Text } from '@mantine/core';
import { useRuleWords } from '../i18n/useRuleWords';
import type { AllowanceFeedback } from './useAllowanceCheck';
import { ruleColors } from '../theme';

export function AllowanceNote({ feedback, unit }: { feedback: AllowanceFeedback | null; unit: string }) {
  const words = useRuleWords();
  const { t } = words;
  if (!feedback) return null;
  switch (feedback.state) {
    case 'included':
      return (
        <Text size="sm" c={ruleColors.passes}>
          {t('allowanceNote.included', { left: feedback.remainingAfter, unit, year: feedback.contractYear })}
        </Text>
      );
    case 'already-counted':
      return (
        <Text size="sm" c={ruleColors.passes}>
          {t('allowanceNote.alreadyCounted', { year: feedback.contractYear })}
        </Text>
      );
    case 'billable':
      return (
        <Text size="sm" c={ruleColors.warns}>
          {t('allowanceNote.billable', { year: feedback.contractYear })}
        </Text>
      );
    case 'billable-needed':
    case 'refused':
      return (
        <Text size="sm" c={ruleColors.refused}>
          {words.sentence(feedback.rejection)}
        </Text>
      );
  }
}
