// Schedule: review calls and Go Live windows by week or month, mine or the team's, in my zone;
// with the Go Live windows that overlap across the team, for staffing.
import {
  Alert,
  Button,
  Group,
  List,
  Loader,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMemo } from 'react';
import { addDays, weekStartOf } from '../../../core/time';
import type { Settings } from '../db/schema';
import { ExportScheduleButton } from '../exports/ExportScheduleButton';
import { useTeamBooks } from '../team/useTeamBooks';
import { useNow } from '../time/clock';
import { useTranslation } from 'react-i18next';
import { dateInZone, displayLocale, formatDate, formatShortInstant, formatClock } from '../time/zonedFormat';
import { ScheduleDay } from './ScheduleDay';
import { schedulePeriod } from './scheduleEntries';
import { useScheduleStore, type ScheduleMode, type ScheduleScope } from './scheduleStore';

/** Monday to Sunday, short, in the display language. */
function weekdayNames(): string[] {
  return Array.from({ length: 7 }, (_, index) =>
    new Date(Date.UTC(2024, 0, 1 + index)).toLocaleDateString(displayLocale(), {
      weekday: 'short',
      timeZone: 'UTC',
    }),
  );
}

function monthStart(date: string): string {
  return `${date.slice(0, 8)}01`;
}

function nextMonth(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

function previousMonth(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month === 1 ? `${year - 1}-12-01` : `${year}-${String(month - 1).padStart(2, '0')}-01`;
}

export function ScheduleView({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const team = useTeamBooks();
  const now = useNow();
  const { mode, scope, anchor, setMode, setScope, setAnchor } = useScheduleStore();
  const today = dateInZone(now, settings.timeZone);
  const focus = anchor ?? today;
  // Whole weeks: a month shows from the Monday before its first day to the Sunday after its last.
  const from = mode === 'week' ? weekStartOf(focus) : weekStartOf(monthStart(focus));
  const to = mode === 'week' ? addDays(from, 7) : addDays(weekStartOf(addDays(nextMonth(focus), -1)), 7);
  const me = useMemo(
    () => ({ userId: settings.userId, timeZone: settings.timeZone }),
    [settings.userId, settings.timeZone],
  );
  const period = useMemo(
    () => (team ? schedulePeriod(team.books, from, to, me, scope) : null),
    [team, from, to, me, scope],
  );

  const step = (direction: 1 | -1) => {
    if (mode === 'week') setAnchor(addDays(weekStartOf(focus), 7 * direction));
    else setAnchor(direction === 1 ? nextMonth(focus) : previousMonth(monthStart(focus)));
  };
  const title =
    mode === 'week'
      ? t('schedule.weekOf', { date: formatDate(from) })
      : new Date(`${monthStart(focus)}T12:00:00Z`).toLocaleDateString(displayLocale(), {
          month: 'long',
          year: 'numeric',
          timeZone: 'UTC',
        });

  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm" align="baseline">
          <Title order={1}>{t('nav.schedule')}</Title>
          <Text size="sm">{t('schedule.timesIn', { period: title, zone: settings.timeZone })}</Text>
        </Group>
        <Group gap="xs">
          <Button
            variant="default"
            onClick={() => step(-1)}
            aria-label={mode === 'week' ? t('schedule.previousWeek') : t('schedule.previousMonth')}
          >
            ←
          </Button>
          <Button variant="default" onClick={() => setAnchor(null)}>
            {t('schedule.today')}
          </Button>
          <Button
            variant="default"
            onClick={() => step(1)}
            aria-label={mode === 'week' ? t('schedule.nextWeek') : t('schedule.nextMonth')}
          >
            →
          </Button>
          <SegmentedControl
            aria-label={t('schedule.period')}
            value={mode}
            onChange={(value) => setMode(value as ScheduleMode)}
            data={[
              { value: 'week', label: t('schedule.week') },
              { value: 'month', label: t('schedule.month') },
            ]}
          />
          <SegmentedControl
            aria-label={t('schedule.whose')}
            value={scope}
            onChange={(value) => setScope(value as ScheduleScope)}
            data={[
              { value: 'mine', label: t('schedule.mine') },
              { value: 'team', label: t('schedule.team') },
            ]}
          />
          <ExportScheduleButton books={team?.books ?? null} userId={settings.userId} />
        </Group>
      </Group>
      {period && period.staffing.length > 0 ? (
        <Alert color="orange" p="xs" title={t('schedule.overlapTitle')}>
          <List size="xs" spacing={0}>
            {period.staffing.map((group) => (
              <List.Item key={group.startsAt}>
                {t('schedule.overlap', {
                  from: formatShortInstant(group.startsAt, settings.timeZone),
                  to: formatClock(group.endsAt, settings.timeZone),
                  count: group.count,
                  peak: group.peak,
                  customers: group.customerIds.map((id) => period.names.get(id) ?? id).join(', '),
                })}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {!period ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">{t('schedule.reading')}</Text>
        </Group>
      ) : null}
      {period ? (
        <>
          <SimpleGrid cols={7} spacing={4}>
            {weekdayNames().map((day) => (
              <Text key={day} size="xs" fw={700} ta="center" aria-hidden>
                {day}
              </Text>
            ))}
            {period.days.map((day) => (
              <ScheduleDay
                key={day}
                date={day}
                entries={period.byDay.get(day) ?? []}
                myZone={settings.timeZone}
                today={today}
                limit={mode === 'week' ? 40 : 4}
                dimmed={mode === 'month' && day.slice(0, 7) !== focus.slice(0, 7)}
              />
            ))}
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('schedule.legend')}
          </Text>
        </>
      ) : null}
    </Stack>
  );
}
