// One line on what a new record does to the allowance, from useAllowanceCheck.
import { Text } from '@mantine/core';
import type { AllowanceFeedback } from './useAllowanceCheck';
import { ruleColors } from '../theme';

export function AllowanceNote({ feedback, unit }: { feedback: AllowanceFeedback | null; unit: string }) {
  if (!feedback) return null;
  switch (feedback.state) {
    case 'included':
      return (
        <Text size="sm" c={ruleColors.passes}>
          Included: {feedback.remainingAfter} {unit} left in contract year {feedback.contractYear} after this.
        </Text>
      );
    case 'already-counted':
      return (
        <Text size="sm" c={ruleColors.passes}>
          Included: this site is already counted in contract year {feedback.contractYear}; nothing more is
          used.
        </Text>
      );
    case 'billable':
      return (
        <Text size="sm" c={ruleColors.warns}>
          Billable: beyond the allowance of contract year {feedback.contractYear}; the customer accepts to
          pay.
        </Text>
      );
    case 'billable-needed':
    case 'refused':
      return (
        <Text size="sm" c={ruleColors.refused}>
          {feedback.rejection.message}
        </Text>
      );
  }
}
