// Add a project or instance: tickets and bookings name one.
import { Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { CustomerFormProps } from './customerFormProps';
import { FormButtons } from './FormButtons';
import { newRecordId } from './newRecordId';
import { RefusalAlert } from './RefusalAlert';
import { useChangeSubmit } from './useChangeSubmit';
import { useTranslation } from 'react-i18next';

const fields = ['project.name', 'project.environment'];

export function AddProjectForm({ book, onClose }: CustomerFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState<string | null>('production');
  const change = useChangeSubmit([name, environment]);

  async function save(event: FormEvent) {
    event.preventDefault();
    await change.submit(
      [
        {
          name: 'createProject',
          version: 1,
          args: {
            project: {
              id: newRecordId('project'),
              customerId: book.customer.id,
              name,
              environment: environment ?? '',
            },
          },
        },
      ],
      onClose,
    );
  }

  return (
    <Modal opened onClose={onClose} title={t('forms.addProject', { customer: book.customer.name })} size="md">
      <form onSubmit={save} noValidate>
        <Stack gap="xs">
          <SimpleGrid cols={2} spacing="xs">
            <TextInput
              label={t('forms.name')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={change.errorFor('project.name')}
              data-autofocus
            />
            <Select
              label={t('forms.environment')}
              data={['production', 'staging', 'development']}
              value={environment}
              onChange={setEnvironment}
              allowDeselect={false}
              error={change.errorFor('project.environment')}
            />
          </SimpleGrid>
          <RefusalAlert refusal={change.generalRefusal(fields)} />
          <FormButtons saving={change.saving} submitLabel={t('forms.addProjectSubmit')} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
