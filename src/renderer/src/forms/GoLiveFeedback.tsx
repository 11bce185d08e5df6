// The Book Go Live form's live rule feedback: every check evaluateGoLive made, the countdown to
// the 72-hour notice deadline in the customer's zone and mine, and included or billable.
import { Badge, Group, List, Paper, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { GoLiveCheck, GoLiveEvaluation } from '../../../core/goLive';
import { formatMinutes } from '../../../core/time';
import { useRuleWords } from '../i18n/useRuleWords';
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
import { GO_LIVE_NOTICE_HOURS } from '../../../core/consumption';

type Props = { evaluation: GoLiveEvaluation | null; now: Instant; customerZone: ZoneName; myZone: ZoneName };

/** A passed check in words from its figures (the core's sentence is the English one). */
function passedWords(t: TFunction, check: GoLiveCheck, customerZone: ZoneName): string {
  const numbers = check.numbers;
  const num = (key: string) => (typeof numbers[key] === 'number' ? numbers[key] : 0);
  const text = (key: string) => (typeof numbers[key] === 'string' ? numbers[key] : null);
  const inZone = (instant: string) =>
    `${formatInstant(instant, customerZone)} ${zoneAbbreviation(instant, customerZone)}`;
  switch (check.rule) {
    case 'window': {
      const startsAt = text('startsAt');
      const endsAt = text('endsAt');
      const window =
        startsAt && endsAt
          ? `${formatInstant(startsAt, customerZone)}–${formatClock(endsAt, customerZone)} ${zoneAbbreviation(startsAt, customerZone)}`
          : '';
      return t('goLiveFeedback.passed.window', { window, duration: formatMinutes(num('durationMinutes')) });
    }
    case 'contract-term':
      return t('goLiveFeedback.passed.contractTerm', { year: num('contractYear') });
    case 'reservation': {
      const requestedAt = text('requestedAt');
      if (numbers['reservationId'] === null) return t('goLiveFeedback.passed.reservationFallback');
      return numbers['basis'] === 'reservation' && requestedAt
        ? t('goLiveFeedback.passed.reservationAtBooking', { time: inZone(requestedAt) })
        : t('goLiveFeedback.passed.reservationAtServer');
    }
    case 'notice': {
      const deadline = text('deadline');
      return t('goLiveFeedback.passed.notice', {
        notice: formatMinutes(num('noticeMinutes')),
        required: num('requiredHours'),
        deadline: deadline ? inZone(deadline) : '–',
      });
    }
    case 'overlap':
      return t('goLiveFeedback.passed.overlap');
    case 'allowance':
      if (numbers['billable'] === true)
        return t('goLiveFeedback.passed.allowanceBillable', {
          year: num('contractYear'),
          used: num('used'),
          available: num('available'),
          reserved: num('reserved'),
        });
      return t('goLiveFeedback.passed.allowanceIncluded', {
        left: num('remaining') - 1,
        available: num('available'),
        year: num('contractYear'),
      });
  }
}

export function GoLiveFeedback({ evaluation, now, customerZone, myZone }: Props) {
  const words = useRuleWords();
  const { t } = words;
  const checkWords = (check: GoLiveCheck) =>
    words.language === 'en'
      ? check.message
      : check.rejection
        ? words.sentence(check.rejection, 'requestGoLive', customerZone)
        : passedWords(t, check, customerZone);
  if (!evaluation) {
    return (
      <Paper withBorder p="xs" bg="gray.0">
        <Text size="sm">{t('goLiveFeedback.enter')}</Text>
      </Paper>
    );
  }
  const deadline = evaluation.noticeDeadline;
  const left = deadline ? minutesUntil(deadline, now) : null;
  const window = evaluation.window;
  return (
    <Paper
      withBorder
      p="xs"
      bg="gray.0"
      aria-label={t('goLiveFeedback.rules')}
      aria-live="polite"
      component="section"
    >
      <Stack gap={6}>
        {deadline && left !== null ? (
          <Text size="sm" fw={600} data-testid="notice-countdown">
            {left >= 0
              ? t('goLiveFeedback.bookableFor', { duration: formatDuration(left) })
              : t('goLiveFeedback.deadlinePassed', { duration: formatDuration(-left) })}
            <Text span size="sm" fw={400}>
              {t('goLiveFeedback.deadline', {
                customerTime: `${formatInstant(deadline, customerZone)} ${zoneAbbreviation(deadline, customerZone)}`,
                myTime: `${formatShortInstant(deadline, myZone)} ${zoneAbbreviation(deadline, myZone)}`,
              })}
            </Text>
          </Text>
        ) : null}
        {window ? (
          <Text size="sm">
            {t('goLiveFeedback.window', {
              duration: formatDuration(window.durationMinutes),
              from: formatShortInstant(window.startsAt, myZone),
              to: `${formatClock(window.endsAt, myZone)} ${zoneAbbreviation(window.startsAt, myZone)}`,
            })}
          </Text>
        ) : null}
        <Group gap="xs">
          {evaluation.billable === false ? (
            <Badge color="green" variant="light">
              {t('goLiveFeedback.included')}
            </Badge>
          ) : null}
          {evaluation.billable === true ? (
            <Badge color="orange" variant="light">
              {t('goLiveFeedback.billable')}
            </Badge>
          ) : null}
          {evaluation.allowance ? (
            <Text size="xs">
              {t('goLiveFeedback.allowance', {
                year: evaluation.allowance.contractYear.index,
                used: evaluation.allowance.used,
                available: evaluation.allowance.available,
                reserved: evaluation.allowance.reserved,
                left: evaluation.allowance.remaining,
              })}
            </Text>
          ) : null}
        </Group>
        <List size="sm" spacing={2} listStyleType="none" aria-label={t('goLiveFeedback.checks')}>
          {evaluation.checks.map((check) => (
            <List.Item key={check.rule}>
              <Text span size="sm" c={check.ok ? ruleColors.passes : ruleColors.refused} fw={600}>
                {check.ok ? '✓' : '✗'}{' '}
                {t(`goLiveFeedback.ruleNames.${check.rule}`, { hours: GO_LIVE_NOTICE_HOURS })}:
              </Text>{' '}
              <Text span size="sm" c={check.ok ? undefined : ruleColors.refused}>
                {checkWords(check)}
              </Text>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Paper>
  );
}
