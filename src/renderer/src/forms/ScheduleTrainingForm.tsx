// Schedule a training day with its attendees; it counts against the contract year of its date.
import { Checkbox, Modal, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useState, type FormEvent } from 'react';
import { addDays } from '../../../core/time';
import { useNow } from '../time/clock';
import { dateInZone } from '../time/zonedFormat';
import { AllowanceNote } from './AllowanceNote';
import type { CustomerFormProps } from './customerFormProps';
import { FormButtons } from './FormButtons';
import { newRecordId } from './newRecordId';
import { RefusalAlert } from './RefusalAlert';
import { useAllowanceCheck } from './useAllowanceCheck';
import { useChangeSubmit } from './useChangeSubmit';
import { useTranslation } from 'react-i18next';

const fields = ['date', 'topic', 'attendees', 'acceptBillable'];

export function ScheduleTrainingForm({ book, templates, onClose }: CustomerFormProps) {
  const { t } = useTranslation();
  const now = useNow();
  const [date, setDate] = useState<string | null>(() => addDays(dateInZone(now, book.customer.timeZone), 14));
  const [topic, setTopic] = useState('');
  const [attendees, setAttendees] = useState<string[]>([]);
  const [acceptBillable, setAcceptBillable] = useState(false);
  const change = useChangeSubmit([date, topic, attendees, acceptBillable]);
  const feedback = useAllowanceCheck(book, 'trainingDays', date, acceptBillable, templates, now);
  const offerBillable =
    acceptBillable || feedback?.state === 'billable-needed' || change.refusal?.field === 'acceptBillable';

  async function save(event: FormEvent) {
    event.preventDefault();
    await change.submit(
      [
        {
          name: 'scheduleTraining',
          version: 1,
          args: {
            id: newRecordId('training'),
            customerId: book.customer.id,
            date: date ?? '',
            topic,
            attendees,
            acceptBillable,
          },
        },
      ],
      onClose,
    );
  }

  return (
    <Modal opened onClose={onClose} title={t('forms.trainingTitle', { customer: book.customer.name })}>
      <form onSubmit={save} noValidate>
        <Stack gap="xs">
          <SimpleGrid cols={2} spacing="xs">
            <DateInput
              label={t('forms.date', { zone: book.customer.timeZone })}
              valueFormat="YYYY-MM-DD"
              value={date}
              onChange={setDate}
              required
              error={change.errorFor('date')}
              data-autofocus
            />
            <TextInput
              label={t('forms.topic')}
              required
              value={topic}
              onChange={(e) => setTopic(e.currentTarget.value)}
              error={change.errorFor('topic')}
            />
          </SimpleGrid>
          <TagsInput
            label={t('forms.attendees')}
            placeholder={t('forms.attendeesPlaceholder')}
            value={attendees}
            onChange={setAttendees}
            error={change.errorFor('attendees')}
          />
          <AllowanceNote feedback={feedback} unit={t('forms.unitWords.trainingDays')} />
          {offerBillable ? (
            <Checkbox
              label={t('forms.scheduleBillable')}
              checked={acceptBillable}
              onChange={(e) => setAcceptBillable(e.currentTarget.checked)}
              error={change.errorFor('acceptBillable')}
            />
          ) : null}
          <RefusalAlert refusal={change.generalRefusal(fields)} />
          <FormButtons saving={change.saving} submitLabel={t('forms.scheduleTraining')} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
