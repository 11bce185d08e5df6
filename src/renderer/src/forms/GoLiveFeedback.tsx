// The Book Go Live form's live rule feedback: every check evaluateGoLive made, the countdown to
// the 72-hour notice deadline in the customer's zone and mine, and included or billable.
import { Badge, Group, List, Paper, Stack, Text } from '@mantine/core';
import type { GoLiveEvaluation } from '../../../core/goLive';
import type { Instant, ZoneName } from '../../../core/time';
import {
  formatClock,
  formatDuration,
  formatInstant,
  formatShortInstant,
  minutesUntil,
  zoneAbbreviation,
} from '../time/zonedFormat';
import { ruleColors } from '../theme';

type Props = { evaluation: GoLiveEvaluation | null; now: Instant; customerZone: ZoneName; myZone: ZoneName };

const ruleNames: Record<string, string> = {
  window: 'Window',
  'contract-term': 'Contract term',
  reservation: 'Reservation',
  notice: '72 h notice',
  overlap: 'Overlap',
  allowance: 'Allowance',
};

export function GoLiveFeedback({ evaluation, now, customerZone, myZone }: Props) {
  if (!evaluation) {
    return (
      <Paper withBorder p="xs" bg="gray.0">
        <Text size="sm">Enter the date, time and length to see whether it can be booked.</Text>
      </Paper>
    );
  }
  const deadline = evaluation.noticeDeadline;
  const left = deadline ? minutesUntil(deadline, now) : null;
  const window = evaluation.window;
  return (
    <Paper withBorder p="xs" bg="gray.0" aria-label="Booking rules" aria-live="polite" component="section">
      <Stack gap={6}>
        {deadline && left !== null ? (
          <Text size="sm" fw={600} data-testid="notice-countdown">
            {left >= 0
              ? `Bookable for another ${formatDuration(left)}`
              : `The notice deadline passed ${formatDuration(-left)} ago`}
            <Text span size="sm" fw={400}>
              {' '}
              — deadline {formatInstant(deadline, customerZone)} {zoneAbbreviation(deadline, customerZone)}{' '}
              (customer) · {formatShortInstant(deadline, myZone)} {zoneAbbreviation(deadline, myZone)} (mine)
            </Text>
          </Text>
        ) : null}
        {window ? (
          <Text size="sm">
            Window: {formatDuration(window.durationMinutes)} of follow-up (up to 6 h); in my zone{' '}
            {formatShortInstant(window.startsAt, myZone)}–{formatClock(window.endsAt, myZone)}{' '}
            {zoneAbbreviation(window.startsAt, myZone)}
          </Text>
        ) : null}
        <Group gap="xs">
          {evaluation.billable === false ? (
            <Badge color="green" variant="light">
              Included
            </Badge>
          ) : null}
          {evaluation.billable === true ? (
            <Badge color="orange" variant="light">
              Billable
            </Badge>
          ) : null}
          {evaluation.allowance ? (
            <Text size="xs">
              Contract year {evaluation.allowance.contractYear.index}: {evaluation.allowance.used} of{' '}
              {evaluation.allowance.available} Go Live events used, {evaluation.allowance.reserved} reserved,{' '}
              {evaluation.allowance.remaining} left
            </Text>
          ) : null}
        </Group>
        <List size="sm" spacing={2} listStyleType="none" aria-label="Checks">
          {evaluation.checks.map((check) => (
            <List.Item key={check.rule}>
              <Text span size="sm" c={check.ok ? ruleColors.passes : ruleColors.refused} fw={600}>
                {check.ok ? '✓' : '✗'} {ruleNames[check.rule] ?? check.rule}:
              </Text>{' '}
              <Text span size="sm" c={check.ok ? undefined : ruleColors.refused}>
                {check.message}
              </Text>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Paper>
  );
}
