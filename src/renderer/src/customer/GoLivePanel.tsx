// Go Live bookings: each window as the customer and I see it, included or billable as the
// ledger derives it, who booked it, and cancelling one.
import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useProvisionalIds } from '../sync/useProvisionalIds';
import type { CustomerStatus } from '../../../core/customerStatus';
import type { CustomerBook } from '../../../core/records';
import type { Settings } from '../db/schema';
import { useNameOf } from '../team/personName';
import { formatMinutes, type Instant } from '../../../core/time';
import { ZonedInstant } from '../time/ZonedInstant';
import { ZonedWindow } from '../time/ZonedWindow';
import { CancelGoLiveButton } from './CancelGoLiveButton';

type Props = { book: CustomerBook; status: CustomerStatus; now: Instant; settings: Settings };

/** recordId -> billable, from every contract year's Go Live entries and those outside the term. */
function billableByBooking(status: CustomerStatus): Map<string, boolean> {
  const billable = new Map<string, boolean>();
  for (const year of status.ledger.years)
    for (const entry of year.lines.goLiveEvents.entries) billable.set(entry.recordId, entry.billable);
  for (const entry of status.ledger.outsideTerm)
    if (entry.kind === 'goLiveEvents') billable.set(entry.recordId, true);
  return billable;
}

export function GoLivePanel({ book, status, now, settings }: Props) {
  const { t } = useTranslation();
  const myZone = settings.timeZone;
  const nameOf = useNameOf(settings);
  const billable = billableByBooking(status);
  const provisional = useProvisionalIds();
  const bookings = [...book.goLiveBookings].sort((a, b) => (a.startsAt < b.startsAt ? 1 : -1));
  if (bookings.length === 0) return <Text size="sm">{t('customer.goLive.none')}</Text>;
  return (
    <Table aria-label={t('customer.goLive.table')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('customer.goLive.title')}</Table.Th>
          <Table.Th>{t('customer.goLive.window')}</Table.Th>
          <Table.Th>{t('customer.goLive.length')}</Table.Th>
          <Table.Th>{t('customer.goLive.status')}</Table.Th>
          <Table.Th>{t('customer.goLive.billing')}</Table.Th>
          <Table.Th>{t('customer.goLive.requested')}</Table.Th>
          <Table.Th>{t('customer.goLive.bookedBy')}</Table.Th>
          <Table.Th aria-label={t('customer.goLive.actions')} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {bookings.map((booking) => {
          const minutes = Math.round((Date.parse(booking.endsAt) - Date.parse(booking.startsAt)) / 60_000);
          const isBillable = billable.get(booking.id);
          return (
            <Table.Tr key={booking.id}>
              <Table.Td>{booking.title}</Table.Td>
              <Table.Td>
                <ZonedWindow
                  startsAt={booking.startsAt}
                  endsAt={booking.endsAt}
                  customerZone={booking.timeZone}
                  myZone={myZone}
                  now={now}
                />
              </Table.Td>
              <Table.Td>{formatMinutes(minutes)}</Table.Td>
              <Table.Td>
                {booking.status === 'cancelled' ? (
                  <Badge color="gray" variant="light">
                    {t('customer.goLive.cancelled')}
                  </Badge>
                ) : booking.endsAt <= now ? (
                  <Badge color="gray" variant="outline">
                    {t('customer.goLive.done')}
                  </Badge>
                ) : provisional.has(booking.id) ? (
                  <Badge color="violet" variant="light" title={t('customer.goLive.provisionalTip')}>
                    {t('customer.goLive.provisional')}
                  </Badge>
                ) : (
                  <Badge color="blue" variant="light">
                    {t('customer.goLive.booked')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {isBillable === undefined ? (
                  '–'
                ) : isBillable ? (
                  <Badge color="orange" variant="light">
                    {t('customer.goLive.billable')}
                  </Badge>
                ) : (
                  t('customer.goLive.included')
                )}
              </Table.Td>
              <Table.Td>
                <ZonedInstant
                  instant={booking.requestedAt}
                  customerZone={booking.timeZone}
                  myZone={myZone}
                  now={now}
                />
              </Table.Td>
              <Table.Td>{booking.bookedBy ? nameOf(booking.bookedBy) : '–'}</Table.Td>
              <Table.Td>
                {booking.status === 'booked' && booking.endsAt > now ? (
                  <CancelGoLiveButton booking={booking} now={now} />
                ) : null}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
