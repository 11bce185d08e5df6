// Reserve Go Live units before travelling: units of one contract year set aside (escrow) so that
// bookings made offline on them are confirmed. Only what remains can be reserved, for 1–30 days.
import { Alert, Modal, NumberInput, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { RESERVATION_DEFAULT_VALID_DAYS, RESERVATION_MAX_VALID_DAYS } from '../../../core/reservations';
import { statusOf } from '../team/customerStatusCache';
import { useNow } from '../time/clock';
import { formatDate } from '../time/zonedFormat';
import type { CustomerFormProps } from './customerFormProps';
import { FormButtons } from './FormButtons';
import { newRecordId } from './newRecordId';
import { RefusalAlert } from './RefusalAlert';
import { useChangeSubmit } from './useChangeSubmit';
import { useTranslation } from 'react-i18next';

const fields = ['contractYear', 'date', 'quantity', 'validForDays'];

export function ReserveGoLiveForm({ book, templates, onClose }: CustomerFormProps) {
  const { t } = useTranslation();
  const now = useNow();
  const status = statusOf(book, templates, now);
  // Years not yet over: a reservation cannot hold units of a year that has ended.
  const years = status.ledger.years.filter((year) => year.contractYear.to > status.today);
  const current = status.contractYear?.index ?? years[0]?.contractYear.index ?? null;
  const [contractYear, setContractYear] = useState<string | null>(current === null ? null : String(current));
  const [quantity, setQuantity] = useState<number | string>(1);
  const [validForDays, setValidForDays] = useState<number | string>(RESERVATION_DEFAULT_VALID_DAYS);
  const change = useChangeSubmit([contractYear, quantity, validForDays]);
  const line = years.find((year) => String(year.contractYear.index) === contractYear)?.lines.goLiveEvents;

  async function save(event: FormEvent) {
    event.preventDefault();
    await change.submit(
      [
        {
          name: 'reserveAllowance',
          version: 1,
          args: {
            id: newRecordId('reservation'),
            customerId: book.customer.id,
            contractYear: contractYear === null ? null : Number(contractYear),
            quantity: typeof quantity === 'number' ? quantity : Number.NaN,
            validForDays: typeof validForDays === 'number' ? validForDays : Number.NaN,
          },
        },
      ],
      onClose,
    );
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('forms.reserveTitle', { customer: book.customer.name })}
      size="lg"
    >
      <form onSubmit={save} noValidate>
        <Stack gap="xs">
          <Text size="sm">{t('forms.reserveIntro')}</Text>
          {years.length === 0 ? (
            <Alert color="gray" p="xs">
              {t('forms.noYearOpen')}
            </Alert>
          ) : null}
          <SimpleGrid cols={3} spacing="xs">
            <Select
              label={t('forms.contractYear')}
              data={years.map((year) => ({
                value: String(year.contractYear.index),
                label: t('forms.yearOption', {
                  year: year.contractYear.index,
                  from: year.contractYear.from.slice(0, 4),
                  to: year.contractYear.to.slice(2, 4),
                }),
              }))}
              value={contractYear}
              onChange={setContractYear}
              allowDeselect={false}
              error={change.errorFor('contractYear', 'date')}
            />
            <NumberInput
              label={t('forms.units')}
              min={1}
              max={20}
              value={quantity}
              onChange={setQuantity}
              error={change.errorFor('quantity')}
              data-autofocus
            />
            <NumberInput
              label={t('forms.validFor', { max: RESERVATION_MAX_VALID_DAYS })}
              min={1}
              max={RESERVATION_MAX_VALID_DAYS}
              value={validForDays}
              onChange={setValidForDays}
              error={change.errorFor('validForDays')}
            />
          </SimpleGrid>
          {line ? (
            <Text size="sm" aria-live="polite">
              {t('forms.yearLine', {
                year: line.contractYear.index,
                from: formatDate(line.contractYear.from),
                to: formatDate(line.contractYear.to),
                available: line.available,
                used: line.used,
                reserved: line.reserved,
              })}
              <strong>{t('forms.leftToReserve', { count: line.remaining })}</strong>.
            </Text>
          ) : null}
          <RefusalAlert refusal={change.generalRefusal(fields)} />
          <FormButtons saving={change.saving} submitLabel={t('forms.reserve')} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
