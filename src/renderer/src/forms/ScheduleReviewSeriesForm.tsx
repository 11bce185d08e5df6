// Schedule the review series agreed with the customer: first date and time in the customer's
// zone, how often and how long. A new series ends the current one (scheduleReviewSeries).
import { Alert, Modal, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DateInput, TimeInput } from '@mantine/dates';
import { useState, type FormEvent } from 'react';
import { addDays, isoWeekday, localToInstant } from '../../../core/time';
import { currentInstant } from '../time/clock';
import { dateInZone, formatInstant, zoneAbbreviation } from '../time/zonedFormat';
import type { CustomerFormProps } from './customerFormProps';
import { FormButtons } from './FormButtons';
import { newRecordId } from './newRecordId';
import { RefusalAlert } from './RefusalAlert';
import { useChangeSubmit } from './useChangeSubmit';
import { ruleColors } from '../theme';

const fields = ['firstDate', 'localTime', 'durationMinutes', 'intervalWeeks', 'tamUserId'];

export function ScheduleReviewSeriesForm({ book, settings, onClose }: CustomerFormProps) {
  const zone = book.customer.timeZone;
  const [firstDate, setFirstDate] = useState<string | null>(() => {
    // A week from today, moved off the weekend: calls are agreed on working days.
    const date = addDays(dateInZone(currentInstant(), zone), 7);
    const weekday = isoWeekday(date);
    return weekday > 5 ? addDays(date, 8 - weekday) : date;
  });
  const [localTime, setLocalTime] = useState('10:00');
  const [durationMinutes, setDurationMinutes] = useState<number | string>(60);
  const [intervalWeeks, setIntervalWeeks] = useState<number | string>(2);
  const [tamUserId, setTamUserId] = useState(book.customer.tamUserId ?? settings.userId);
  const change = useChangeSubmit([firstDate, localTime, durationMinutes, intervalWeeks, tamUserId]);
  const current = book.reviewSeries.find((series) => series.endDate === null);
  const first =
    firstDate && /^\d\d:\d\d$/.test(localTime) ? localToInstant(firstDate, localTime, zone) : null;

  async function save(event: FormEvent) {
    event.preventDefault();
    await change.submit(
      [
        {
          name: 'scheduleReviewSeries',
          version: 1,
          args: {
            id: newRecordId('series'),
            customerId: book.customer.id,
            tamUserId,
            firstDate: firstDate ?? '',
            localTime,
            durationMinutes: Number(durationMinutes),
            intervalWeeks: Number(intervalWeeks),
          },
        },
      ],
      onClose,
    );
  }

  return (
    <Modal opened onClose={onClose} title={`Schedule review series — ${book.customer.name}`}>
      <form onSubmit={save} noValidate>
        <Stack gap="xs">
          <SimpleGrid cols={2} spacing="xs">
            <DateInput
              label={`First call (${zone})`}
              valueFormat="YYYY-MM-DD"
              value={firstDate}
              onChange={setFirstDate}
              error={change.errorFor('firstDate')}
              required
              data-autofocus
            />
            <TimeInput
              label={`Agreed time (${zone})`}
              value={localTime}
              onChange={(e) => setLocalTime(e.currentTarget.value)}
              error={change.errorFor('localTime')}
              required
            />
            <NumberInput
              label="Every (weeks)"
              min={1}
              max={8}
              value={intervalWeeks}
              onChange={setIntervalWeeks}
              error={change.errorFor('intervalWeeks')}
            />
            <NumberInput
              label="Length (minutes)"
              min={15}
              max={240}
              step={15}
              value={durationMinutes}
              onChange={setDurationMinutes}
              error={change.errorFor('durationMinutes')}
            />
            <TextInput
              label="TAM (user id)"
              value={tamUserId}
              onChange={(e) => setTamUserId(e.currentTarget.value)}
              error={change.errorFor('tamUserId')}
            />
          </SimpleGrid>
          {first?.ok ? (
            <Text size="sm">
              First call {formatInstant(first.instant, zone)} {zoneAbbreviation(first.instant, zone)} for the
              customer; {formatInstant(first.instant, settings.timeZone)}{' '}
              {zoneAbbreviation(first.instant, settings.timeZone)} for me.
            </Text>
          ) : first && !first.ok ? (
            <Text size="sm" c={ruleColors.refused}>
              {first.message}
            </Text>
          ) : null}
          {current ? (
            <Alert color="yellow" p="xs">
              The current series (from {current.firstDate}, every {current.intervalWeeks} weeks at{' '}
              {current.localTime}) ends where the new one starts.
            </Alert>
          ) : null}
          <RefusalAlert refusal={change.generalRefusal(fields)} />
          <FormButtons saving={change.saving} submitLabel="Schedule series" onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
