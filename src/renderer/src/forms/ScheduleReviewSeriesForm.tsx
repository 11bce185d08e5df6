// Schedule the review series agreed with the customer: first date and time in the customer's
// zone, how often and how long. A new series ends the current one (scheduleReviewSeries).
import { Alert, Modal, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DateInput, TimeInput } from '@mantine/dates';
import { useState, type FormEvent } from 'react';
import { addDays, isoWeekday, localToInstant } from '../../../core/time';
import { currentInstant } from '../time/clock';
import { dateInZone, formatDate, formatInstant, zoneAbbreviation } from '../time/zonedFormat';
import type { CustomerFormProps } from './customerFormProps';
import { FormButtons } from './FormButtons';
import { newRecordId } from './newRecordId';
import { RefusalAlert } from './RefusalAlert';
import { useChangeSubmit } from './useChangeSubmit';
import { ruleColors } from '../theme';
import { useTranslation } from 'react-i18next';

const fields = ['firstDate', 'localTime', 'durationMinutes', 'intervalWeeks', 'tamUserId'];

export function ScheduleReviewSeriesForm({ book, settings, onClose }: CustomerFormProps) {
  const { t } = useTranslation();
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
    <Modal opened onClose={onClose} title={t('forms.seriesTitle', { customer: book.customer.name })}>
      <form onSubmit={save} noValidate>
        <Stack gap="xs">
          <SimpleGrid cols={2} spacing="xs">
            <DateInput
              label={t('forms.firstCall', { zone })}
              valueFormat="YYYY-MM-DD"
              value={firstDate}
              onChange={setFirstDate}
              error={change.errorFor('firstDate')}
              required
              data-autofocus
            />
            <TimeInput
              label={t('forms.agreedTime', { zone })}
              value={localTime}
              onChange={(e) => setLocalTime(e.currentTarget.value)}
              error={change.errorFor('localTime')}
              required
            />
            <NumberInput
              label={t('forms.everyWeeks')}
              min={1}
              max={8}
              value={intervalWeeks}
              onChange={setIntervalWeeks}
              error={change.errorFor('intervalWeeks')}
            />
            <NumberInput
              label={t('forms.lengthMinutes')}
              min={15}
              max={240}
              step={15}
              value={durationMinutes}
              onChange={setDurationMinutes}
              error={change.errorFor('durationMinutes')}
            />
            <TextInput
              label={t('forms.tam')}
              value={tamUserId}
              onChange={(e) => setTamUserId(e.currentTarget.value)}
              error={change.errorFor('tamUserId')}
            />
          </SimpleGrid>
          {first?.ok ? (
            <Text size="sm">
              {t('forms.firstCallAt', {
                customerTime: `${formatInstant(first.instant, zone)} ${zoneAbbreviation(first.instant, zone)}`,
                myTime: `${formatInstant(first.instant, settings.timeZone)} ${zoneAbbreviation(first.instant, settings.timeZone)}`,
              })}
            </Text>
          ) : first && !first.ok ? (
            <Text size="sm" c={ruleColors.refused}>
              {first.message}
            </Text>
          ) : null}
          {current ? (
            <Alert color="yellow" p="xs">
              {t('forms.currentSeriesEnds', {
                from: formatDate(current.firstDate),
                weeks: current.intervalWeeks,
                time: current.localTime,
              })}
            </Alert>
          ) : null}
          <RefusalAlert refusal={change.generalRefusal(fields)} />
          <FormButtons saving={change.saving} submitLabel={t('forms.scheduleSeries')} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
