// Record a custom configuration of a site. Allowances count distinct sites per contract year, so
// the form says live whether this site takes a new unit, is already counted, or would be billable.
import { Checkbox, Modal, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useState, type FormEvent } from 'react';
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

const fields = ['site', 'description', 'configuredOn', 'acceptBillable'];

export function AddCustomConfigurationForm({ book, templates, onClose }: CustomerFormProps) {
  const { t } = useTranslation();
  const now = useNow();
  const [site, setSite] = useState('');
  const [description, setDescription] = useState('');
  const [configuredOn, setConfiguredOn] = useState<string | null>(() =>
    dateInZone(now, book.customer.timeZone),
  );
  const [acceptBillable, setAcceptBillable] = useState(false);
  const change = useChangeSubmit([site, description, configuredOn, acceptBillable]);
  const normalizedSite = site.trim().toLowerCase();
  const feedback = useAllowanceCheck(
    book,
    'customConfigurationSites',
    normalizedSite ? configuredOn : null,
    acceptBillable,
    templates,
    now,
    normalizedSite,
  );
  const offerBillable =
    acceptBillable || feedback?.state === 'billable-needed' || change.refusal?.field === 'acceptBillable';

  async function save(event: FormEvent) {
    event.preventDefault();
    await change.submit(
      [
        {
          name: 'addCustomConfiguration',
          version: 1,
          args: {
            id: newRecordId('config'),
            customerId: book.customer.id,
            site,
            description,
            configuredOn: configuredOn ?? '',
            acceptBillable,
          },
        },
      ],
      onClose,
    );
  }

  return (
    <Modal opened onClose={onClose} title={t('forms.configurationTitle', { customer: book.customer.name })}>
      <form onSubmit={save} noValidate>
        <Stack gap="xs">
          <SimpleGrid cols={2} spacing="xs">
            <TextInput
              label={t('forms.site')}
              placeholder="shop.example.com"
              required
              value={site}
              onChange={(e) => setSite(e.currentTarget.value)}
              error={change.errorFor('site')}
              data-autofocus
            />
            <DateInput
              label={t('forms.configuredOn', { zone: book.customer.timeZone })}
              valueFormat="YYYY-MM-DD"
              value={configuredOn}
              onChange={setConfiguredOn}
              required
              error={change.errorFor('configuredOn')}
            />
          </SimpleGrid>
          <Textarea
            label={t('forms.whatConfigured')}
            autosize
            minRows={2}
            maxRows={6}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={change.errorFor('description')}
          />
          <AllowanceNote feedback={feedback} unit={t('forms.unitWords.sites')} />
          {offerBillable ? (
            <Checkbox
              label={t('forms.recordBillable')}
              checked={acceptBillable}
              onChange={(e) => setAcceptBillable(e.currentTarget.checked)}
              error={change.errorFor('acceptBillable')}
            />
          ) : null}
          <RefusalAlert refusal={change.generalRefusal(fields)} />
          <FormButtons
            saving={change.saving}
            submitLabel={t('forms.recordConfiguration')}
            onCancel={onClose}
          />
        </Stack>
      </form>
    </Modal>
  );
}
