// Go Live bookings: each window as the customer and I see it, included or billable as the
// ledger derives it, who booked it, and cancelling one.
import { Badge, Table, Text } from '@mantine/core';
import { useProvisionalIds } from '../sync/useProvisionalIds';
import type { CustomerStatus } from '../../../core/customerStatus';
import type { CustomerBook } from '../../../core/records';
import { formatMinutes, type Instant } from '../../../core/time';
import { ZonedInstant } from '../time/ZonedInstant';
import { ZonedWindow } from '../time/ZonedWindow';
import { CancelGoLiveButton } from './CancelGoLiveButton';

type Props = { book: CustomerBook; status: CustomerStatus; now: Instant; myZone: string };

/** recordId -> billable, from every contract year's Go Live entries and those outside the term. */
function billableByBooking(status: CustomerStatus): Map<string, boolean> {
  const billable = new Map<string, boolean>();
  for (const year of status.ledger.years)
    for (const entry of year.lines.goLiveEvents.entries) billable.set(entry.recordId, entry.billable);
  for (const entry of status.ledger.outsideTerm)
    if (entry.kind === 'goLiveEvents') billable.set(entry.recordId, true);
  return billable;
}

export function GoLivePanel({ book, status, now, myZone }: Props) {
  const billable = billableByBooking(status);
  const provisional = useProvisionalIds();
  const bookings = [...book.goLiveBookings].sort((a, b) => (a.startsAt < b.startsAt ? 1 : -1));
  if (bookings.length === 0) return <Text size="sm">No Go Live bookings yet.</Text>;
  return (
    <Table aria-label="Go Live bookings">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Title</Table.Th>
          <Table.Th>Window</Table.Th>
          <Table.Th>Length</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Billing</Table.Th>
          <Table.Th>Requested</Table.Th>
          <Table.Th>Booked by</Table.Th>
          <Table.Th aria-label="Actions" />
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
                />
              </Table.Td>
              <Table.Td>{formatMinutes(minutes)}</Table.Td>
              <Table.Td>
                {booking.status === 'cancelled' ? (
                  <Badge color="gray" variant="light">
                    cancelled
                  </Badge>
                ) : booking.endsAt <= now ? (
                  <Badge color="gray" variant="outline">
                    done
                  </Badge>
                ) : provisional.has(booking.id) ? (
                  <Badge
                    color="violet"
                    variant="light"
                    title="Made offline: the team server has not accepted it yet"
                  >
                    provisional
                  </Badge>
                ) : (
                  <Badge color="blue" variant="light">
                    booked
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {isBillable === undefined ? (
                  '–'
                ) : isBillable ? (
                  <Badge color="orange" variant="light">
                    billable
                  </Badge>
                ) : (
                  'included'
                )}
              </Table.Td>
              <Table.Td>
                <ZonedInstant instant={booking.requestedAt} customerZone={booking.timeZone} myZone={myZone} />
              </Table.Td>
              <Table.Td>{booking.bookedBy ?? '–'}</Table.Td>
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
