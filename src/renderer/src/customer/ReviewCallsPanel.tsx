// Review calls: the series agreed with the customer and what became of each recent and coming
// call, with the TAM's actions on calls that have ended and were not logged.
import { Badge, Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import type { CustomerStatus } from '../../../core/customerStatus';
import type { PlanTemplate } from '../../../core/plans';
import type { CustomerBook } from '../../../core/records';
import { effectiveOccurrence, occurrencesBetween, type CadenceOccurrence } from '../../../core/reviewCadence';
import { DAY_MS, toInstant, type Instant } from '../../../core/time';
import { TamHoursChart } from '../charts/LazyCharts';
import { formatDate } from '../time/zonedFormat';
import { ZonedInstant } from '../time/ZonedInstant';
import { useTranslation } from 'react-i18next';
import { useCustomerDetailStore } from './customerDetailStore';

type Props = {
  book: CustomerBook;
  status: CustomerStatus;
  templates: readonly PlanTemplate[];
  now: Instant;
  myZone: string;
};

const stateColors: Record<CadenceOccurrence['state'], string> = {
  scheduled: 'blue',
  moved: 'cyan',
  held: 'green',
  missed: 'red',
  cancelled: 'gray',
};

/** The calls of the last eight weeks and the next four, newest first. */
function recentCalls(book: CustomerBook, now: Instant): CadenceOccurrence[] {
  const from = toInstant(Date.parse(now) - 56 * DAY_MS);
  const to = toInstant(Date.parse(now) + 28 * DAY_MS);
  const calls = new Map(book.reviewCalls.map((call) => [`${call.seriesId}|${call.occurrenceDate}`, call]));
  return book.reviewSeries
    .flatMap((series) =>
      occurrencesBetween(series, from, to).map((occurrence) =>
        effectiveOccurrence(
          occurrence,
          series,
          calls.get(`${series.id}|${occurrence.occurrenceDate}`) ?? null,
        ),
      ),
    )
    .sort((a, b) => (a.effectiveStartsAt < b.effectiveStartsAt ? 1 : -1));
}

export function ReviewCallsPanel({ book, status, templates, now, myZone }: Props) {
  const { t } = useTranslation();
  const open = useCustomerDetailStore((state) => state.open);
  const zone = book.customer.timeZone;
  const calls = recentCalls(book, now);
  const active = book.reviewSeries.filter(
    (series) => series.endDate === null || series.endDate > status.today,
  );
  return (
    <Stack gap="sm">
      <Card withBorder p="sm">
        <Title order={2}>{t('customer.reviews.series')}</Title>
        {book.reviewSeries.length === 0 ? (
          <Text size="sm" mt={4}>
            {t('customer.reviews.noSeries')}
          </Text>
        ) : (
          <Table mt={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('customer.reviews.from')}</Table.Th>
                <Table.Th>{t('customer.reviews.until')}</Table.Th>
                <Table.Th>{t('customer.reviews.every')}</Table.Th>
                <Table.Th>{t('customer.reviews.at')}</Table.Th>
                <Table.Th>{t('customer.reviews.length')}</Table.Th>
                <Table.Th>{t('customer.reviews.tam')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {book.reviewSeries.map((series) => (
                <Table.Tr key={series.id}>
                  <Table.Td>{formatDate(series.firstDate)}</Table.Td>
                  <Table.Td>
                    {series.endDate
                      ? t('customer.reviews.before', { date: formatDate(series.endDate) })
                      : t('customer.reviews.openEnded')}
                  </Table.Td>
                  <Table.Td>{t('customer.reviews.everyWeeks', { count: series.intervalWeeks })}</Table.Td>
                  <Table.Td>
                    {series.localTime} ({series.timeZone})
                  </Table.Td>
                  <Table.Td>{t('customer.reviews.minutes', { count: series.durationMinutes })}</Table.Td>
                  <Table.Td>{series.tamUserId}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <Card withBorder p="sm">
        <TamHoursChart
          book={book}
          templates={templates}
          today={status.today}
          serviceCreditDays={status.serviceCreditDays}
          action={
            <Button size="compact-sm" variant="default" onClick={() => open({ kind: 'logTamTime' })}>
              {t('customer.reviews.logTamTime')}
            </Button>
          }
        />
      </Card>
      <Card withBorder p="sm">
        <Title order={2}>{t('customer.reviews.calls')}</Title>
        {calls.length === 0 ? (
          <Text size="sm" mt={4}>
            {active.length === 0 ? t('customer.reviews.scheduleFirst') : t('customer.reviews.noCalls')}
          </Text>
        ) : (
          <Table mt={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('customer.reviews.when')}</Table.Th>
                <Table.Th>{t('customer.reviews.state')}</Table.Th>
                <Table.Th>{t('customer.reviews.notes')}</Table.Th>
                <Table.Th>{t('customer.reviews.actionItems')}</Table.Th>
                <Table.Th aria-label={t('customer.reviews.actions')} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {calls.map((call) => {
                const ended = call.effectiveEndsAt <= now;
                const unlogged = ended && (call.state === 'scheduled' || call.state === 'moved');
                return (
                  <Table.Tr key={`${call.seriesId}-${call.occurrenceDate}`}>
                    <Table.Td>
                      <ZonedInstant
                        instant={call.effectiveStartsAt}
                        customerZone={zone}
                        myZone={myZone}
                        now={now}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Badge color={unlogged ? 'red' : stateColors[call.state]} variant="light">
                        {unlogged ? t('customer.reviews.notLogged') : t(`today.calls.states.${call.state}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{call.call?.notes ?? ''}</Table.Td>
                    <Table.Td>
                      {call.call?.actionItems
                        .map((item) => `${item.done ? '✓' : '•'} ${item.text}`)
                        .join('  ') ?? ''}
                    </Table.Td>
                    <Table.Td>
                      {!ended && (call.state === 'scheduled' || call.state === 'moved') ? (
                        <Button
                          size="compact-xs"
                          variant="default"
                          onClick={() =>
                            open({
                              kind: 'moveReviewCall',
                              seriesId: call.seriesId,
                              occurrenceDate: call.occurrenceDate,
                            })
                          }
                        >
                          {t('customer.reviews.moveOrCancel')}
                        </Button>
                      ) : null}
                      {unlogged ? (
                        <Button
                          size="compact-xs"
                          variant="light"
                          onClick={() =>
                            open({
                              kind: 'logReviewCall',
                              seriesId: call.seriesId,
                              occurrenceDate: call.occurrenceDate,
                            })
                          }
                        >
                          {t('customer.reviews.logCall')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
