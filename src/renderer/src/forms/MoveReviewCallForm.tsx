// Move one review call to another local date and time in the customer's zone (moveReviewCall), or
// cancel it. The core runs live: a time the clocks skip is refused at its field before saving, and
// the form shows the new time in both zones.
import { Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DateInput, TimeInput } from '@mantine/dates';
import { useState, type FormEvent } from 'react';
import type { ReviewCall } from '../../../core/records';
import { useNow } from '../time/clock';
import { formatDate } from '../time/zonedFormat';
import { ZonedInstant } from '../time/ZonedInstant';
import type { CustomerFormProps } from './customerFormProps';
import { FormButtons } from './FormButtons';
import { newRecordId } from './newRecordId';
import { RefusalAlert } from './RefusalAlert';
import { useChangeSubmit } from './useChangeSubmit';
import { useMutationPreview } from './useMutationPreview';
import { useTranslation } from 'react-i18next';
import { useRuleWords } from '../i18n/useRuleWords';

const fields = ['toDate', 'toTime', 'occurrenceDate', 'reason'];

type Props = CustomerFormProps & { seriesId: string; occurrenceDate: string };

export function MoveReviewCallForm({ book, settings, templates, onClose, seriesId, occurrenceDate }: Props) {
  const { t } = useTranslation();
  const words = useRuleWords();
  const now = useNow();
  const zone = book.customer.timeZone;
  const series = book.reviewSeries.find((candidate) => candidate.id === seriesId);
  const existing = book.reviewCalls.find(
    (call) => call.seriesId === seriesId && call.occurrenceDate === occurrenceDate,
  );
  const [id] = useState(() => existing?.id ?? newRecordId('call'));
  const [toDate, setToDate] = useState<string | null>(occurrenceDate);
  const [toTime, setToTime] = useState(series?.localTime ?? '10:00');
  const [reason, setReason] = useState('');
  const change = useChangeSubmit([toDate, toTime, reason]);
  const base = { id, customerId: book.customer.id, seriesId, occurrenceDate };
  const request = { name: 'moveReviewCall', version: 1, args: { ...base, toDate: toDate ?? '', toTime } };
  const preview = useMutationPreview(book, request, settings, templates, now);
  const errorFor = (field: string) =>
    change.errorFor(field) ?? (preview.ok ? null : words.field(preview.rejection, [field]));
  const moved = preview.ok
    ? (preview.after.reviewCalls.find((call) => call.id === id) as ReviewCall | undefined)
    : undefined;

  async function save(event: FormEvent) {
    event.preventDefault();
    await change.submit([request], onClose);
  }

  async function cancelCall() {
    await change.submit(
      [{ name: 'cancelReviewCall', version: 1, args: { ...base, reason: reason.trim() || undefined } }],
      onClose,
    );
  }

  return (
    <Modal opened onClose={onClose} title={t('forms.moveTitle', { date: formatDate(occurrenceDate) })}>
      <form onSubmit={save} noValidate>
        <Stack gap="xs">
          <SimpleGrid cols={2} spacing="xs">
            <DateInput
              label={t('forms.newDate', { zone })}
              valueFormat="YYYY-MM-DD"
              value={toDate}
              onChange={setToDate}
              required
              error={errorFor('toDate')}
              data-autofocus
            />
            <TimeInput
              label={t('forms.newTime', { zone })}
              value={toTime}
              onChange={(e) => setToTime(e.currentTarget.value)}
              required
              error={errorFor('toTime')}
            />
          </SimpleGrid>
          {moved ? (
            <Text size="sm" aria-live="polite">
              {t('forms.wouldStart')}{' '}
              <ZonedInstant instant={moved.startsAt} customerZone={zone} myZone={settings.timeZone} />.
            </Text>
          ) : null}
          <TextInput
            label={t('forms.cancelNote')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errorFor('reason')}
          />
          <RefusalAlert refusal={change.generalRefusal(fields)} />
          <Group justify="space-between" mt="xs">
            <Button variant="subtle" color="red" onClick={() => void cancelCall()}>
              {t('forms.cancelCall')}
            </Button>
            <FormButtons saving={change.saving} submitLabel={t('forms.moveCall')} onCancel={onClose} />
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
