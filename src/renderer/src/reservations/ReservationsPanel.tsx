// My reservations on this customer, on the Go Live tab: units left, until when, and release; with
// the button that opens the reservation form.
import { Badge, Button, Group, Popover, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { AllowanceReservation, CustomerBook } from '../../../core/records';
import type { Instant } from '../../../core/time';
import { RefusalAlert } from '../forms/RefusalAlert';
import { useChangeSubmit } from '../forms/useChangeSubmit';
import { formatDuration, formatShortInstant, minutesUntil } from '../time/zonedFormat';
import { myReservations, type ReservationRow } from './myReservations';

type Props = { book: CustomerBook; userId: string; now: Instant; myZone: string; onReserve(): void };

function stateBadge({ state }: ReservationRow) {
  if (state.released)
    return (
      <Badge color="gray" variant="light">
        released
      </Badge>
    );
  if (state.expired)
    return (
      <Badge color="gray" variant="outline">
        expired
      </Badge>
    );
  if (state.unspent === 0)
    return (
      <Badge color="blue" variant="outline">
        spent
      </Badge>
    );
  return (
    <Badge color="green" variant="light">
      active
    </Badge>
  );
}

export function ReservationsPanel({ book, userId, now, myZone, onReserve }: Props) {
  const rows = myReservations(book, userId, now);
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Title order={2}>My reservations</Title>
        <Button size="compact-sm" variant="light" onClick={onReserve}>
          Reserve Go Live units before travelling
        </Button>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm">No reservations of mine on this customer.</Text>
      ) : (
        <Table aria-label="My reservations" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Contract year</Table.Th>
              <Table.Th>Units</Table.Th>
              <Table.Th>Left</Table.Th>
              <Table.Th>Valid until (my zone)</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.reservation.id}>
                <Table.Td>Year {row.reservation.contractYear}</Table.Td>
                <Table.Td className="tabular">{row.reservation.quantity}</Table.Td>
                <Table.Td className="tabular">{row.state.unspent}</Table.Td>
                <Table.Td>
                  {formatShortInstant(row.reservation.expiresAt, myZone)}
                  {row.state.active ? (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      (in {formatDuration(minutesUntil(row.reservation.expiresAt, now))})
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{stateBadge(row)}</Table.Td>
                <Table.Td>
                  {/* A spent reservation holds nothing back: there is nothing to release. */}
                  {row.state.active && row.state.unspent > 0 ? (
                    <ReleaseButton reservation={row.reservation} unspent={row.state.unspent} />
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function ReleaseButton({ reservation, unspent }: { reservation: AllowanceReservation; unspent: number }) {
  const [opened, setOpened] = useState(false);
  const change = useChangeSubmit([opened]);
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow trapFocus>
      <Popover.Target>
        <Button size="compact-xs" variant="subtle" onClick={() => setOpened((open) => !open)}>
          Release…
        </Button>
      </Popover.Target>
      <Popover.Dropdown maw={300}>
        <Stack gap={6}>
          <Text size="sm">
            Release it? {unspent === 1 ? '1 unspent unit returns' : `${unspent} unspent units return`} to
            contract year {reservation.contractYear} for the whole team.
          </Text>
          <RefusalAlert refusal={change.refusal} />
          <Group justify="flex-end" gap="xs">
            <Button size="compact-xs" variant="default" onClick={() => setOpened(false)}>
              Keep it
            </Button>
            <Button
              size="compact-xs"
              loading={change.saving}
              onClick={() =>
                void change.submit(
                  [
                    {
                      name: 'releaseAllowance',
                      version: 1,
                      args: { customerId: reservation.customerId, id: reservation.id },
                    },
                  ],
                  () => setOpened(false),
                )
              }
            >
              Release the reservation
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
