// Log TAM time other than a held call (preparation, advice, walkthroughs) with logTamTime. As the
// TAM types, the form shows the week's total against the customer's weekly TAM-hour budget, from the
// same core count the ledger uses. Time beyond the budget is recorded and shown as billable overage
// (time spent is a fact); only a team lead logs time for someone else.
import { Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useMemo, useState, type FormEvent } from 'react';
import { tamHoursForWeek } from '../../../core/tamHours';
import { formatMinutes } from '../../../core/time';
import { ruleColors } from '../theme';
import { useNow } from '../time/clock';
import { dateInZone, formatDate } from '../time/zonedFormat';
import type { CustomerFormProps } from './customerFormProps';
import { FormButtons } from './FormButtons';
import { newRecordId } from './newRecordId';
import { RefusalAlert } from './RefusalAlert';
import { useChangeSubmit } from './useChangeSubmit';
import { useMutationPreview } from './useMutationPreview';
import { useTranslation } from 'react-i18next';
import { useRuleWords } from '../i18n/useRuleWords';

const fields = ['date', 'minutes', 'activity', 'note', 'userId'];

const activities = ['preparation', 'advice', 'walkthrough', 'other'] as const;

export function LogTamTimeForm({ book, settings, templates, onClose }: CustomerFormProps) {
  const { t } = useTranslation();
  const words = useRuleWords();
  const now = useNow();
  const [id] = useState(() => newRecordId('tamtime'));
  const [date, setDate] = useState<string | null>(() => dateInZone(now, book.customer.timeZone));
  const [minutes, setMinutes] = useState<number | string>(60);
  const [activity, setActivity] = useState<string | null>('preparation');
  const [note, setNote] = useState('');
  const [userId, setUserId] = useState(settings.userId);
  const change = useChangeSubmit([date, minutes, activity, note, userId]);
  const request = {
    name: 'logTamTime',
    version: 1,
    args: {
      id,
      customerId: book.customer.id,
      userId: userId.trim() === '' ? undefined : userId.trim(),
      date: date ?? '',
      minutes: typeof minutes === 'number' ? minutes : Number(minutes),
      activity,
      note,
    },
  };
  const preview = useMutationPreview(book, request, settings, templates, now);
  const errorFor = (field: string) =>
    change.errorFor(field) ?? (preview.ok ? null : words.field(preview.rejection, [field]));

  // The week as it stands and as it would be with this entry.
  const week = useMemo(() => {
    if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
    const before = tamHoursForWeek(book, date, { templates });
    const after = preview.ok ? tamHoursForWeek(preview.after, date, { templates }) : null;
    return { before, after };
  }, [book, date, preview, templates]);

  async function save(event: FormEvent) {
    event.preventDefault();
    await change.submit([request], onClose);
  }

  return (
    <Modal opened onClose={onClose} title={t('forms.tamTimeTitle', { customer: book.customer.name })}>
      <form onSubmit={save} noValidate>
        <Stack gap="xs">
          <SimpleGrid cols={3} spacing="xs">
            <DateInput
              label={t('forms.date', { zone: book.customer.timeZone })}
              valueFormat="YYYY-MM-DD"
              value={date}
              onChange={setDate}
              required
              error={errorFor('date')}
              data-autofocus
            />
            <NumberInput
              label={t('forms.minutes')}
              description={typeof minutes === 'number' && minutes > 0 ? formatMinutes(minutes) : ' '}
              min={1}
              max={24 * 60}
              step={15}
              allowDecimal={false}
              value={minutes}
              onChange={setMinutes}
              required
              error={errorFor('minutes')}
            />
            <Select
              label={t('forms.activity')}
              description=" "
              data={activities.map((value) => ({ value, label: t(`forms.activities.${value}`) }))}
              value={activity}
              onChange={setActivity}
              allowDeselect={false}
              error={errorFor('activity')}
            />
          </SimpleGrid>
          {settings.role === 'lead' ? (
            <TextInput
              label={t('forms.whose')}
              description={t('forms.whoseNote')}
              value={userId}
              onChange={(e) => setUserId(e.currentTarget.value)}
              error={errorFor('userId')}
            />
          ) : null}
          <Textarea
            label={t('forms.note')}
            autosize
            minRows={2}
            maxRows={5}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errorFor('note')}
          />
          {week ? <WeekNote week={week} /> : null}
          <RefusalAlert refusal={change.generalRefusal(fields)} />
          <FormButtons saving={change.saving} submitLabel={t('forms.logTime')} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

type WeekFigures = {
  before: ReturnType<typeof tamHoursForWeek>;
  after: ReturnType<typeof tamHoursForWeek> | null;
};

function WeekNote({ week }: { week: WeekFigures }) {
  const { before, after } = week;
  const { t } = useTranslation();
  const shown = after ?? before;
  const weekOf = t('forms.weekOf', { date: formatDate(shown.weekStart) });
  if (shown.budgetMinutes === 0)
    return (
      <Text size="sm" c={ruleColors.warns} aria-live="polite">
        {t(shown.contractYear === null ? 'forms.noBudgetOutside' : 'forms.noBudgetPlan', {
          week: weekOf,
          used: formatMinutes(shown.usedMinutes),
        })}
      </Text>
    );
  const over = shown.overageMinutes > 0;
  return (
    <Text size="sm" c={over ? ruleColors.warns : ruleColors.passes} aria-live="polite">
      {t('forms.weekUsed', {
        week: weekOf,
        used: formatMinutes(shown.usedMinutes),
        budget: formatMinutes(shown.budgetMinutes),
      })}
      {after ? t('forms.withEntry', { before: formatMinutes(before.usedMinutes) }) : ''}
      {over
        ? t('forms.overBudget', { over: formatMinutes(shown.overageMinutes) })
        : t('forms.budgetLeft', { left: formatMinutes(shown.remainingMinutes) })}
    </Text>
  );
}
