// Today: what a TAM looks at first — calls, slipping cadences, Go Lives and closing deadlines,
// objectives at risk, allowances nearly gone and my TAM hours this week.
import { Group, Loader, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { formatMinutes } from '../../../core/time';
import { kindLabel, objectiveWords } from '../customer/planWords';
import type { Settings } from '../db/schema';
import { markPainted } from '../platform/performanceMarks';
import { openingViewPainted } from '../team/openingPaint';
import { useStatusOf } from '../team/useStatusOf';
import { useTeamBooks } from '../team/useTeamBooks';
import { useNow } from '../time/clock';
import { formatDate, formatDuration, formatShortInstant, minutesUntil } from '../time/zonedFormat';
import { ZonedInstant } from '../time/ZonedInstant';
import { todayDigest, type TodayScope } from './todayDigest';
import { CustomerLink, TodaySection } from './TodaySection';
import { useTodayStore } from './todayStore';
import { useTodaySnapshot } from '../team/viewSnapshot';
import { ruleColors } from '../theme';

const cadenceWords = {
  overdue: 'overdue',
  missed: 'last call missed',
  'not-scheduled': 'nothing scheduled',
  'on-track': 'on track',
} as const;

export function TodayView({ settings }: { settings: Settings }) {
  const team = useTeamBooks();
  const statusOf = useStatusOf();
  const snapshot = useTodaySnapshot(settings);
  const now = useNow();
  const { scope, setScope } = useTodayStore();
  const me = useMemo(
    () => ({ userId: settings.userId, timeZone: settings.timeZone }),
    [settings.userId, settings.timeZone],
  );
  const live = useMemo(() => {
    if (!team || !statusOf) return null;
    return todayDigest({
      books: team.books,
      statusOf: (book) => statusOf(book, team.templates, now),
      templates: team.templates,
      now,
      me,
      scope,
    });
  }, [team, statusOf, now, me, scope]);
  // Until the books are in memory: my digest as last computed, if nothing changed since.
  const fromSnapshot = !live && scope === 'mine' && snapshot ? snapshot.today : null;
  const digest = live ?? fromSnapshot;

  const ready = digest !== null;
  useEffect(() => {
    if (ready) markPainted('console:today-ready', {}, openingViewPainted);
  }, [ready]);

  if (!digest) return <Loader size="sm" aria-label="Reading the book" />;
  const myZone = settings.timeZone;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Group gap="sm" align="baseline">
          <Title order={1}>Today</Title>
          <Text size="sm">
            {formatShortInstant(now, myZone)} in {myZone}
          </Text>
          {fromSnapshot && snapshot ? (
            <Text size="xs" c="dimmed">
              As of {formatShortInstant(snapshot.computedAt, myZone)}; reading the book for the latest…
            </Text>
          ) : null}
        </Group>
        <SegmentedControl
          aria-label="Whose customers"
          value={scope}
          onChange={(value) => setScope(value as TodayScope)}
          data={[
            { value: 'mine', label: 'My customers' },
            { value: 'team', label: 'Whole team' },
          ]}
        />
      </Group>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
        <TodaySection
          title="Review calls this week and next"
          count={digest.calls.length}
          empty="No review calls in these two weeks."
          headers={['When', 'Customer', 'State']}
          rows={digest.calls.map(({ occurrence, customerId, customerName, timeZone }) => ({
            key: `${occurrence.seriesId}-${occurrence.occurrenceDate}`,
            cells: [
              <ZonedInstant
                key="when"
                instant={occurrence.effectiveStartsAt}
                customerZone={timeZone}
                myZone={myZone}
              />,
              <CustomerLink key="customer" id={customerId} name={customerName} tab="reviews" />,
              occurrence.effectiveEndsAt <= now &&
              (occurrence.state === 'scheduled' || occurrence.state === 'moved') ? (
                <Text key="state" span size="xs" fw={600} c={ruleColors.refused}>
                  not logged
                </Text>
              ) : (
                occurrence.state
              ),
            ],
          }))}
        />
        <TodaySection
          title="Review cadences that slipped"
          count={digest.cadences.length}
          empty="Every cadence is on track."
          headers={['Customer', 'Cadence', 'Last held']}
          rows={digest.cadences.map((item) => ({
            key: item.customerId,
            cells: [
              <CustomerLink key="c" id={item.customerId} name={item.customerName} tab="reviews" />,
              <Text
                key="s"
                span
                size="xs"
                fw={600}
                c={item.status === 'overdue' ? ruleColors.refused : ruleColors.warns}
              >
                {cadenceWords[item.status]}
                {item.overdueCount > 1 ? ` (${item.overdueCount} calls)` : ''}
              </Text>,
              item.lastHeldAt ? formatDate(item.lastHeldAt.slice(0, 10)) : 'never',
            ],
          }))}
        />
        <TodaySection
          title="Go Lives in the next 7 days"
          count={digest.goLives.length}
          empty="No Go Live windows this week."
          headers={['Window starts', 'Customer', 'What']}
          rows={digest.goLives.map(({ booking, customerId, customerName }) => ({
            key: booking.id,
            cells: [
              <ZonedInstant
                key="w"
                instant={booking.startsAt}
                customerZone={booking.timeZone}
                myZone={myZone}
              />,
              <CustomerLink key="c" id={customerId} name={customerName} tab="golive" />,
              booking.title,
            ],
          }))}
        />
        <TodaySection
          title="72-hour deadlines closing"
          count={digest.freeCancellationClosing.length}
          empty="No Go Live reaches its 72-hour mark in the next two days."
          headers={['Closes in', 'Customer', 'Go Live']}
          rows={digest.freeCancellationClosing.map(({ booking, closesAt, customerId, customerName }) => ({
            key: booking.id,
            cells: [
              `${formatDuration(minutesUntil(closesAt, now))} (${formatShortInstant(closesAt, myZone)})`,
              <CustomerLink key="c" id={customerId} name={customerName} tab="golive" />,
              booking.title,
            ],
          }))}
          footer={
            <Text size="xs" c="dimmed" mt={4}>
              After this mark a cancelled Go Live still uses its event.
            </Text>
          }
        />
        <TodaySection
          title="Response objectives at risk"
          count={digest.objectives.length}
          empty="No open objective is close to its deadline."
          headers={['Deadline', 'Customer', 'Ticket', 'State']}
          rows={digest.objectives.map(({ objective, customerId, customerName, timeZone }) => ({
            key: `${objective.ticketId}-${objective.kind}-${objective.escalationId ?? ''}`,
            cells: [
              <ZonedInstant key="d" instant={objective.deadline} customerZone={timeZone} myZone={myZone} />,
              <CustomerLink key="c" id={customerId} name={customerName} tab="tickets" />,
              `${objective.title} · ${objectiveWords(objective.objective)}`,
              objective.status === 'breached' ? (
                <Text key="s" size="xs" c={ruleColors.refused} fw={600}>
                  late {formatDuration(objective.minutesLate)}
                  {objective.creditDays > 0 ? ` · ${objective.creditDays} d credit` : ''}
                </Text>
              ) : (
                <Text key="s" size="xs" c={ruleColors.warns} fw={600}>
                  {formatDuration(objective.minutesRemaining ?? 0)} left
                </Text>
              ),
            ],
          }))}
        />
        <TodaySection
          title="Allowances close to exhausted"
          count={digest.allowances.length}
          empty="No allowance is nearly used up."
          headers={['Customer', 'Allowance', 'Left', 'Forecast']}
          rows={digest.allowances.map((item) => ({
            key: `${item.customerId}-${item.kind}`,
            cells: [
              <CustomerLink key="c" id={item.customerId} name={item.customerName} tab="ledger" />,
              kindLabel(item.kind),
              `${item.remaining} of ${item.available}`,
              item.runsOutBeforeRenewal ? 'runs out before renewal' : '',
            ],
          }))}
        />
        <TodaySection
          title="My TAM hours this week"
          count={digest.tamWeek.customers.length}
          empty="No TAM time logged this week."
          headers={['Customer', 'Mine', "Customer's week", 'Budget']}
          rows={digest.tamWeek.customers.map((item) => ({
            key: item.customerId,
            cells: [
              <CustomerLink key="c" id={item.customerId} name={item.customerName} />,
              formatMinutes(item.myMinutes),
              formatMinutes(item.week.usedMinutes),
              item.week.budgetMinutes > 0
                ? `${formatMinutes(item.week.budgetMinutes)}${item.week.overageMinutes > 0 ? ` · over by ${formatMinutes(item.week.overageMinutes)}` : ''}`
                : 'none',
            ],
          }))}
          footer={
            <Text size="sm" fw={600} mt={4}>
              Total this week (from {formatDate(digest.tamWeek.weekStart)}):{' '}
              {formatMinutes(digest.tamWeek.totalMinutes)}
            </Text>
          }
        />
      </SimpleGrid>
    </Stack>
  );
}
