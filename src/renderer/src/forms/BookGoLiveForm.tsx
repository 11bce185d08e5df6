// Book Go Live: the window as the customer sees it, judged live by the core's evaluateGoLive
// (notice, window, term, overlap, allowance) and booked through requestGoLive.
import { Checkbox, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { DateInput, TimeInput } from '@mantine/dates';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { evaluateGoLive } from '../../../core/goLive';
import { bookServiceCreditDays } from '../../../core/tickets';
import { addDays } from '../../../core/time';
import { useNow } from '../time/clock';
import { dateInZone } from '../time/zonedFormat';
import type { CustomerFormProps } from './customerFormProps';
import { FormButtons } from './FormButtons';
import { GoLiveFeedback } from './GoLiveFeedback';
import { newRecordId } from './newRecordId';
import { RefusalAlert } from './RefusalAlert';
import { ReservationChoice } from './ReservationChoice';
import { useChangeSubmit } from './useChangeSubmit';
import { GO_LIVE_MAX_WINDOW_HOURS } from '../../../core/consumption';

const fields = [
  'title',
  'projectId',
  'date',
  'time',
  'durationMinutes',
  'acceptBillable',
  'reservationId',
  'notes',
];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Values to start from, e.g. a refused booking's when Needs attention asks for another date. */
export type GoLivePrefill = {
  title?: string;
  projectId?: string | null;
  date?: string;
  time?: string;
  durationMinutes?: number;
  notes?: string;
};

type Props = CustomerFormProps & {
  prefill?: GoLivePrefill;
  /** Called with the summary once booked, before onClose. */
  onBooked?: (summaries: string[]) => void;
};

export function BookGoLiveForm({ book, settings, templates, onClose, prefill, onBooked }: Props) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const zone = book.customer.timeZone;
  const [title, setTitle] = useState(prefill?.title ?? '');
  const [projectId, setProjectId] = useState<string | null>(prefill?.projectId ?? null);
  const [date, setDate] = useState<string | null>(() => prefill?.date ?? addDays(dateInZone(now, zone), 4));
  const [time, setTime] = useState(prefill?.time ?? '10:00');
  const [durationMinutes, setDurationMinutes] = useState<number | string>(prefill?.durationMinutes ?? 240);
  const [notes, setNotes] = useState(prefill?.notes ?? '');
  const [acceptBillable, setAcceptBillable] = useState(false);
  const [reservationId, setReservationId] = useState<string | null>(null);
  const change = useChangeSubmit([
    title,
    projectId,
    date,
    time,
    durationMinutes,
    notes,
    acceptBillable,
    reservationId,
  ]);

  const minutes = typeof durationMinutes === 'number' ? durationMinutes : Number.NaN;
  const serviceCreditDays = useMemo(
    () => bookServiceCreditDays(book, templates, now),
    [book, templates, now],
  );
  const evaluation = useMemo(() => {
    if (!date || !DATE.test(date) || !TIME.test(time) || !Number.isFinite(minutes)) return null;
    return evaluateGoLive(
      book,
      { bookingId: null, date, time, durationMinutes: minutes, acceptBillable, reservationId },
      { now, clientTime: now, templates, serviceCreditDays },
    );
  }, [book, date, time, minutes, acceptBillable, reservationId, now, templates, serviceCreditDays]);

  const allowanceCheck = evaluation?.checks.find((check) => check.rule === 'allowance');
  const usedUp =
    acceptBillable ||
    allowanceCheck?.rejection?.code === 'allowance-exhausted' ||
    (evaluation?.allowance?.remaining ?? 1) === 0 ||
    change.refusal?.field === 'acceptBillable';

  async function save(event: FormEvent) {
    event.preventDefault();
    await change.submit(
      [
        {
          name: 'requestGoLive',
          version: 1,
          args: {
            id: newRecordId('golive'),
            customerId: book.customer.id,
            projectId,
            title,
            date: date ?? '',
            time,
            durationMinutes: minutes,
            acceptBillable,
            reservationId,
            notes,
          },
        },
      ],
      (summaries) => {
        onBooked?.(summaries);
        onClose();
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={t('goLiveForm.title', { customer: book.customer.name })} size="xl">
      <form onSubmit={save} noValidate>
        <Stack gap="xs">
          <SimpleGrid cols={2} spacing="xs">
            <TextInput
              label={t('goLiveForm.what')}
              placeholder={t('goLiveForm.whatPlaceholder')}
              required
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={change.errorFor('title')}
              data-autofocus
            />
            <Select
              label={t('goLiveForm.project')}
              placeholder={t('goLiveForm.wholeAccount')}
              data={book.projects.map((project) => ({ value: project.id, label: project.name }))}
              value={projectId}
              onChange={setProjectId}
              clearable
              error={change.errorFor('projectId')}
            />
          </SimpleGrid>
          <SimpleGrid cols={3} spacing="xs">
            <DateInput
              label={t('goLiveForm.date', { zone })}
              valueFormat="YYYY-MM-DD"
              value={date}
              onChange={setDate}
              error={change.errorFor('date')}
              required
            />
            <TimeInput
              label={t('goLiveForm.start', { zone })}
              value={time}
              onChange={(e) => setTime(e.currentTarget.value)}
              error={change.errorFor('time')}
              required
            />
            <NumberInput
              label={t('goLiveForm.length', { max: GO_LIVE_MAX_WINDOW_HOURS * 60 })}
              min={1}
              max={360}
              step={30}
              value={durationMinutes}
              onChange={setDurationMinutes}
              error={change.errorFor('durationMinutes')}
            />
          </SimpleGrid>
          <ReservationChoice
            book={book}
            userId={settings.userId}
            now={now}
            myZone={settings.timeZone}
            value={reservationId}
            onChange={setReservationId}
            error={change.errorFor('reservationId')}
          />
          <GoLiveFeedback evaluation={evaluation} now={now} customerZone={zone} myZone={settings.timeZone} />
          {usedUp ? (
            <Checkbox
              label={t('goLiveForm.billable')}
              checked={acceptBillable}
              onChange={(e) => setAcceptBillable(e.currentTarget.checked)}
              error={change.errorFor('acceptBillable')}
            />
          ) : null}
          <Textarea
            label={t('goLiveForm.notes')}
            autosize
            minRows={1}
            maxRows={4}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
          />
          <RefusalAlert refusal={change.generalRefusal(fields)} />
          <FormButtons saving={change.saving} submitLabel={t('goLiveForm.submit')} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
