// My reservations on this customer, on the Go Live tab: units left, until when, and release; with
// the button that opens the reservation form.
import { Badge, Button, Group, Popover, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AllowanceReservation, CustomerBook } from '../../../core/records';
import type { Instant } from '../../../core/time';
import { RefusalAlert } from '../forms/RefusalAlert';
import { useChangeSubmit } from '../forms/useChangeSubmit';
import { formatDuration, formatShortInstant, minutesUntil } from '../time/zonedFormat';
import { myReservations, type ReservationRow } from './myReservations';

type Props = { book: CustomerBook; userId: string; now: Instant; myZone: string; onReserve(): void };

function stateBadge({ state }: ReservationRow, t: TFunction) {
  if (state.released)
    return (
      <Badge color="gray" variant="light">
        {t('customer.reservations.states.released')}
      </Badge>
    );
  if (state.expired)
    return (
      <Badge color="gray" variant="outline">
        {t('customer.reservations.states.expired')}
      </Badge>
    );
  if (state.unspent === 0)
    return (
      <Badge color="blue" variant="outline">
        {t('customer.reservations.states.spent')}
      </Badge>
    );
  return (
    <Badge color="green" variant="light">
      {t('customer.reservations.states.active')}
    </Badge>
  );
}

export function ReservationsPanel({ book, userId, now, myZone, onReserve }: Props) {
  const { t } = useTranslation();
  const rows = myReservations(book, userId, now);
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Title order={2}>{t('customer.reservations.title')}</Title>
        <Button size="compact-sm" variant="light" onClick={onReserve}>
          {t('customer.reservations.reserve')}
        </Button>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm">{t('customer.reservations.none')}</Text>
      ) : (
        <Table aria-label={t('customer.reservations.table')} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('customer.reservations.contractYear')}</Table.Th>
              <Table.Th>{t('customer.reservations.units')}</Table.Th>
              <Table.Th>{t('customer.reservations.left')}</Table.Th>
              <Table.Th>{t('customer.reservations.validUntil')}</Table.Th>
              <Table.Th>{t('customer.reservations.state')}</Table.Th>
              <Table.Th aria-label={t('customer.reservations.actions')} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.reservation.id}>
                <Table.Td>{t('customer.reservations.year', { year: row.reservation.contractYear })}</Table.Td>
                <Table.Td className="tabular">{row.reservation.quantity}</Table.Td>
                <Table.Td className="tabular">{row.state.unspent}</Table.Td>
                <Table.Td>
                  {formatShortInstant(row.reservation.expiresAt, myZone)}
                  {row.state.active ? (
                    <Text span size="xs" c="dimmed">
                      {t('customer.reservations.in', {
                        duration: formatDuration(minutesUntil(row.reservation.expiresAt, now)),
                      })}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{stateBadge(row, t)}</Table.Td>
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
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const change = useChangeSubmit([opened]);
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow trapFocus>
      <Popover.Target>
        <Button size="compact-xs" variant="subtle" onClick={() => setOpened((open) => !open)}>
          {t('customer.reservations.release')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown maw={300}>
        <Stack gap={6}>
          <Text size="sm">
            {t('customer.reservations.releaseQuestion', { count: unspent, year: reservation.contractYear })}
          </Text>
          <RefusalAlert refusal={change.refusal} />
          <Group justify="flex-end" gap="xs">
            <Button size="compact-xs" variant="default" onClick={() => setOpened(false)}>
              {t('customer.reservations.keep')}
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
              {t('customer.reservations.releaseConfirm')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
