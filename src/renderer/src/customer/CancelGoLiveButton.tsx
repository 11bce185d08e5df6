// Cancel a Go Live, after a confirmation that says what the core's rule will do with the event:
// returned 72 h or more before the start, kept (the team planned for it) after that.
import { Button, Group, Popover, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GO_LIVE_FREE_CANCELLATION_HOURS, goLiveConsumesUnit } from '../../../core/consumption';
import type { GoLiveBooking } from '../../../core/records';
import type { Instant } from '../../../core/time';
import { RefusalAlert } from '../forms/RefusalAlert';
import { useChangeSubmit } from '../forms/useChangeSubmit';
import { formatDuration, minutesUntil } from '../time/zonedFormat';

export function CancelGoLiveButton({ booking, now }: { booking: GoLiveBooking; now: Instant }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const change = useChangeSubmit([opened]);
  const ahead = minutesUntil(booking.startsAt, now);
  // The core's rule, asked about a cancellation made now.
  const returns = !goLiveConsumesUnit({ ...booking, status: 'cancelled', cancelledAt: now });
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow trapFocus>
      <Popover.Target>
        <Button size="compact-xs" variant="subtle" onClick={() => setOpened((open) => !open)}>
          {t('customer.goLive.cancel')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown maw={320}>
        <Stack gap={6}>
          <Text size="sm">
            {t('customer.goLive.startsIn', { title: booking.title, duration: formatDuration(ahead) })}{' '}
            {returns
              ? t('customer.goLive.returns')
              : t('customer.goLive.staysUsed', { hours: GO_LIVE_FREE_CANCELLATION_HOURS })}
          </Text>
          <RefusalAlert refusal={change.refusal} />
          <Group justify="flex-end" gap="xs">
            <Button size="compact-xs" variant="default" onClick={() => setOpened(false)}>
              {t('customer.goLive.keep')}
            </Button>
            <Button
              size="compact-xs"
              color="red"
              loading={change.saving}
              onClick={() =>
                void change.submit(
                  [
                    {
                      name: 'cancelGoLive',
                      version: 1,
                      args: { customerId: booking.customerId, id: booking.id },
                    },
                  ],
                  () => setOpened(false),
                )
              }
            >
              {t('customer.goLive.cancelConfirm')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
