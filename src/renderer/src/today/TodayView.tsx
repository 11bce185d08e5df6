// Today: what a TAM looks at first — calls, slipping cadences, Go Lives and closing deadlines,
// objectives at risk, allowances nearly gone and my TAM hours this week.
import { Group, Loader, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMinutes } from '../../../core/time';
import type { Settings } from '../db/schema';
import { markPainted } from '../platform/performanceMarks';
import { openingViewPainted } from '../team/openingPaint';
import { useStatusOf } from '../team/useStatusOf';
import { useTeamBooks } from '../team/useTeamBooks';
import { useNow } from '../time/clock';
import {
  formatDate,
  formatDuration,
  formatNumber,
  formatShortInstant,
  minutesUntil,
} from '../time/zonedFormat';
import { usePlanWords } from '../i18n/usePlanWords';
import { ZonedInstant } from '../time/ZonedInstant';
import { todayDigest, type TodayScope } from './todayDigest';
import { CustomerLink, TodaySection } from './TodaySection';
import { useTodayStore } from './todayStore';
import { useTodaySnapshot } from '../team/viewSnapshot';
import { ruleColors } from '../theme';

export function TodayView({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const { kindLabel, objectiveWords } = usePlanWords();
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

  if (!digest) return <Loader size="sm" aria-label={t('today.reading')} />;
  const myZone = settings.timeZone;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Group gap="sm" align="baseline">
          <Title order={1}>{t('today.title')}</Title>
          <Text size="sm">{t('today.now', { time: formatShortInstant(now, myZone), zone: myZone })}</Text>
          {fromSnapshot && snapshot ? (
            <Text size="xs" c="dimmed">
              {t('today.asOf', { time: formatShortInstant(snapshot.computedAt, myZone) })}
            </Text>
          ) : null}
        </Group>
        <SegmentedControl
          aria-label={t('today.whose')}
          value={scope}
          onChange={(value) => setScope(value as TodayScope)}
          data={[
            { value: 'mine', label: t('today.mine') },
            { value: 'team', label: t('today.team') },
          ]}
        />
      </Group>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
        <TodaySection
          title={t('today.calls.title')}
          count={digest.calls.length}
          empty={t('today.calls.empty')}
          headers={[t('today.calls.when'), t('today.customer'), t('today.calls.state')]}
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
                  {t('today.calls.notLogged')}
                </Text>
              ) : (
                t(`today.calls.states.${occurrence.state}`)
              ),
            ],
          }))}
        />
        <TodaySection
          title={t('today.cadences.title')}
          count={digest.cadences.length}
          empty={t('today.cadences.empty')}
          headers={[t('today.customer'), t('today.cadences.cadence'), t('today.cadences.lastHeld')]}
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
                {t(`today.cadences.status.${item.status}`)}
                {item.overdueCount > 1 ? t('today.cadences.calls', { count: item.overdueCount }) : ''}
              </Text>,
              item.lastHeldAt ? formatDate(item.lastHeldAt.slice(0, 10)) : t('today.cadences.never'),
            ],
          }))}
        />
        <TodaySection
          title={t('today.goLives.title')}
          count={digest.goLives.length}
          empty={t('today.goLives.empty')}
          headers={[t('today.goLives.starts'), t('today.customer'), t('today.goLives.what')]}
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
          title={t('today.deadlines.title')}
          count={digest.freeCancellationClosing.length}
          empty={t('today.deadlines.empty')}
          headers={[t('today.deadlines.closesIn'), t('today.customer'), t('today.deadlines.goLive')]}
          rows={digest.freeCancellationClosing.map(({ booking, closesAt, customerId, customerName }) => ({
            key: booking.id,
            cells: [
              t('today.deadlines.closes', {
                duration: formatDuration(minutesUntil(closesAt, now)),
                time: formatShortInstant(closesAt, myZone),
              }),
              <CustomerLink key="c" id={customerId} name={customerName} tab="golive" />,
              booking.title,
            ],
          }))}
          footer={
            <Text size="xs" c="dimmed" mt={4}>
              {t('today.deadlines.footer')}
            </Text>
          }
        />
        <TodaySection
          title={t('today.objectives.title')}
          count={digest.objectives.length}
          empty={t('today.objectives.empty')}
          headers={[
            t('today.objectives.deadline'),
            t('today.customer'),
            t('today.objectives.ticket'),
            t('today.objectives.state'),
          ]}
          rows={digest.objectives.map(({ objective, customerId, customerName, timeZone }) => ({
            key: `${objective.ticketId}-${objective.kind}-${objective.escalationId ?? ''}`,
            cells: [
              <ZonedInstant key="d" instant={objective.deadline} customerZone={timeZone} myZone={myZone} />,
              <CustomerLink key="c" id={customerId} name={customerName} tab="tickets" />,
              `${objective.title} · ${objectiveWords(objective.objective)}`,
              objective.status === 'breached' ? (
                <Text key="s" size="xs" c={ruleColors.refused} fw={600}>
                  {t('today.objectives.late', { duration: formatDuration(objective.minutesLate) })}
                  {objective.creditDays > 0
                    ? t('today.objectives.credit', { count: objective.creditDays })
                    : ''}
                </Text>
              ) : (
                <Text key="s" size="xs" c={ruleColors.warns} fw={600}>
                  {t('today.objectives.left', { duration: formatDuration(objective.minutesRemaining ?? 0) })}
                </Text>
              ),
            ],
          }))}
        />
        <TodaySection
          title={t('today.allowances.title')}
          count={digest.allowances.length}
          empty={t('today.allowances.empty')}
          headers={[
            t('today.customer'),
            t('today.allowances.allowance'),
            t('today.allowances.left'),
            t('today.allowances.forecast'),
          ]}
          rows={digest.allowances.map((item) => ({
            key: `${item.customerId}-${item.kind}`,
            cells: [
              <CustomerLink key="c" id={item.customerId} name={item.customerName} tab="ledger" />,
              kindLabel(item.kind),
              t('today.allowances.remaining', {
                remaining: formatNumber(item.remaining),
                available: formatNumber(item.available),
              }),
              item.runsOutBeforeRenewal ? t('today.allowances.runsOut') : '',
            ],
          }))}
        />
        <TodaySection
          title={t('today.tamHours.title')}
          count={digest.tamWeek.customers.length}
          empty={t('today.tamHours.empty')}
          headers={[
            t('today.customer'),
            t('today.tamHours.mine'),
            t('today.tamHours.customerWeek'),
            t('today.tamHours.budget'),
          ]}
          rows={digest.tamWeek.customers.map((item) => ({
            key: item.customerId,
            cells: [
              <CustomerLink key="c" id={item.customerId} name={item.customerName} />,
              formatMinutes(item.myMinutes),
              formatMinutes(item.week.usedMinutes),
              item.week.budgetMinutes > 0
                ? `${formatMinutes(item.week.budgetMinutes)}${item.week.overageMinutes > 0 ? t('today.tamHours.over', { duration: formatMinutes(item.week.overageMinutes) }) : ''}`
                : t('today.tamHours.none'),
            ],
          }))}
          footer={
            <Text size="sm" fw={600} mt={4}>
              {t('today.tamHours.total', {
                date: formatDate(digest.tamWeek.weekStart),
                duration: formatMinutes(digest.tamWeek.totalMinutes),
              })}
            </Text>
          }
        />
      </SimpleGrid>
    </Stack>
  );
}
