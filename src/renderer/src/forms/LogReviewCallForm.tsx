// Log what became of a review call: held (with agenda, notes and action items) or missed.
import {
  Modal,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { agendaTopics } from '../../../core/records';
import { effectiveOccurrence, occurrencesBetween } from '../../../core/reviewCadence';
import { DAY_MS, toInstant } from '../../../core/time';
import { useNow } from '../time/clock';
import { formatDate, formatInstant } from '../time/zonedFormat';
import type { CustomerFormProps } from './customerFormProps';
import { FormButtons } from './FormButtons';
import { newRecordId } from './newRecordId';
import { RefusalAlert } from './RefusalAlert';
import { useChangeSubmit } from './useChangeSubmit';
import { useTranslation } from 'react-i18next';

const fields = [
  'seriesId',
  'occurrenceDate',
  'startsAt',
  'durationMinutes',
  'agenda',
  'notes',
  'actionItems',
];

type Props = CustomerFormProps & { seriesId: string | null; occurrenceDate: string | null };

export function LogReviewCallForm({
  book,
  onClose,
  seriesId: givenSeries,
  occurrenceDate: givenDate,
}: Props) {
  const { t } = useTranslation();
  const now = useNow();
  const zone = book.customer.timeZone;
  const [seriesId, setSeriesId] = useState<string | null>(
    givenSeries ?? book.reviewSeries.find((s) => s.endDate === null)?.id ?? book.reviewSeries[0]?.id ?? null,
  );
  const series = book.reviewSeries.find((candidate) => candidate.id === seriesId) ?? null;
  // Calls of the last eight weeks that have started and are not logged held yet.
  const candidates = useMemo(() => {
    if (!series) return [];
    const calls = new Map(
      book.reviewCalls
        .filter((call) => call.seriesId === series.id)
        .map((call) => [call.occurrenceDate, call]),
    );
    return occurrencesBetween(
      series,
      toInstant(Date.parse(now) - 56 * DAY_MS),
      toInstant(Date.parse(now) + DAY_MS),
    )
      .map((occurrence) =>
        effectiveOccurrence(occurrence, series, calls.get(occurrence.occurrenceDate) ?? null),
      )
      .filter((occurrence) => occurrence.effectiveStartsAt <= now && occurrence.state !== 'held')
      .reverse();
  }, [series, book.reviewCalls, now]);
  const [occurrenceDate, setOccurrenceDate] = useState<string | null>(givenDate ?? null);
  const chosenDate = occurrenceDate ?? candidates[0]?.occurrenceDate ?? null;
  const [outcome, setOutcome] = useState<'held' | 'missed'>('held');
  const [durationMinutes, setDurationMinutes] = useState<number | string>(series?.durationMinutes ?? 60);
  const [topics, setTopics] = useState<string[]>(['operational-challenges']);
  const [notes, setNotes] = useState('');
  const [actionItems, setActionItems] = useState('');
  const change = useChangeSubmit([
    seriesId,
    occurrenceDate,
    outcome,
    durationMinutes,
    topics,
    notes,
    actionItems,
  ]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const base = {
      id: newRecordId('call'),
      customerId: book.customer.id,
      seriesId: seriesId ?? '',
      occurrenceDate: chosenDate ?? '',
    };
    const request =
      outcome === 'held'
        ? {
            name: 'logReviewCall',
            version: 1,
            args: {
              ...base,
              durationMinutes: Number(durationMinutes),
              agenda: topics.map((topic) => ({ topic, text: '' })),
              notes,
              actionItems: actionItems
                .split('\n')
                .map((line) => line.trim())
                .filter(Boolean)
                .map((text) => ({ text, owner: '', done: false })),
            },
          }
        : { name: 'missReviewCall', version: 1, args: { ...base, notes } };
    await change.submit([request], onClose);
  }

  return (
    <Modal opened onClose={onClose} title={t('forms.logCallTitle', { customer: book.customer.name })}>
      <form onSubmit={save} noValidate>
        <Stack gap="xs">
          {book.reviewSeries.length === 0 ? <Text size="sm">{t('forms.scheduleSeriesFirst')}</Text> : null}
          <SimpleGrid cols={2} spacing="xs">
            <Select
              label={t('forms.series')}
              data={book.reviewSeries.map((s) => ({
                value: s.id,
                label: t('forms.seriesOption', {
                  from: formatDate(s.firstDate),
                  weeks: s.intervalWeeks,
                  time: s.localTime,
                }),
              }))}
              value={seriesId}
              onChange={setSeriesId}
              allowDeselect={false}
              error={change.errorFor('seriesId')}
            />
            <Select
              label={t('forms.call', { zone })}
              placeholder={candidates.length === 0 ? t('forms.noCallToLog') : undefined}
              data={candidates.map((c) => ({
                value: c.occurrenceDate,
                label: t('forms.callOption', {
                  time: formatInstant(c.effectiveStartsAt, zone),
                  state:
                    c.state === 'scheduled'
                      ? t('customer.reviews.notLogged')
                      : t(`today.calls.states.${c.state}`),
                }),
              }))}
              value={chosenDate}
              onChange={setOccurrenceDate}
              allowDeselect={false}
              error={change.errorFor('occurrenceDate', 'startsAt')}
            />
          </SimpleGrid>
          <SegmentedControl
            value={outcome}
            onChange={(value) => setOutcome(value === 'missed' ? 'missed' : 'held')}
            data={[
              { value: 'held', label: t('forms.held') },
              { value: 'missed', label: t('forms.missed') },
            ]}
            aria-label={t('forms.whatHappened')}
          />
          {outcome === 'held' ? (
            <>
              <SimpleGrid cols={2} spacing="xs">
                <NumberInput
                  label={t('forms.lengthMinutes')}
                  min={0}
                  max={600}
                  value={durationMinutes}
                  onChange={setDurationMinutes}
                  error={change.errorFor('durationMinutes')}
                />
                <MultiSelect
                  label={t('forms.agenda')}
                  data={agendaTopics.map((topic) => ({ value: topic, label: t(`forms.topics.${topic}`) }))}
                  value={topics}
                  onChange={setTopics}
                  error={change.errorFor('agenda')}
                />
              </SimpleGrid>
              <Textarea
                label={t('forms.actionItems')}
                autosize
                minRows={2}
                value={actionItems}
                onChange={(e) => setActionItems(e.currentTarget.value)}
                error={change.errorFor('actionItems')}
              />
            </>
          ) : null}
          <Textarea
            label={t('forms.notes')}
            autosize
            minRows={2}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            error={change.errorFor('notes')}
          />
          <RefusalAlert refusal={change.generalRefusal(fields)} />
          <FormButtons
            saving={change.saving}
            submitLabel={outcome === 'held' ? t('forms.logHeld') : t('forms.markMissed')}
            onCancel={onClose}
          />
        </Stack>
      </form>
    </Modal>
  );
}
