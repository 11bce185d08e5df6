// Add a contact; phone numbers are kept in E.164, with country and area code.
import { Checkbox, Modal, Select, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { contactRoles } from '../../../core/records';
import type { CustomerFormProps } from './customerFormProps';
import { FormButtons } from './FormButtons';
import { newRecordId } from './newRecordId';
import { RefusalAlert } from './RefusalAlert';
import { useChangeSubmit } from './useChangeSubmit';
import { useTranslation } from 'react-i18next';

const fields = ['contact.name', 'contact.role', 'contact.email', 'contact.phones', 'contact.primary'];

export function AddContactForm({ book, onClose }: CustomerFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [role, setRole] = useState<string | null>('it-operations');
  const [email, setEmail] = useState('');
  const [phones, setPhones] = useState<string[]>([]);
  const [primary, setPrimary] = useState(book.contacts.length === 0);
  const change = useChangeSubmit([name, role, email, phones, primary]);

  async function save(event: FormEvent) {
    event.preventDefault();
    await change.submit(
      [
        {
          name: 'createContact',
          version: 1,
          args: {
            contact: {
              id: newRecordId('contact'),
              customerId: book.customer.id,
              name,
              role: role ?? '',
              email,
              phones: phones.map((phone) => phone.replace(/[\s()-]/g, '')),
              primary,
            },
          },
        },
      ],
      onClose,
    );
  }

  return (
    <Modal opened onClose={onClose} title={t('forms.addContact', { customer: book.customer.name })}>
      <form onSubmit={save} noValidate>
        <Stack gap="xs">
          <SimpleGrid cols={2} spacing="xs">
            <TextInput
              label={t('forms.name')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={change.errorFor('contact.name')}
              data-autofocus
            />
            <Select
              label={t('forms.role')}
              data={contactRoles.map((value) => ({ value, label: t(`customer.people.roles.${value}`) }))}
              value={role}
              onChange={setRole}
              allowDeselect={false}
              error={change.errorFor('contact.role')}
            />
            <TextInput
              label={t('forms.email')}
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={change.errorFor('contact.email')}
            />
            <TagsInput
              label={t('forms.phones')}
              description={t('forms.phonesNote')}
              placeholder="+41712345678"
              value={phones}
              onChange={setPhones}
              error={change.errorFor('contact.phones')}
            />
          </SimpleGrid>
          <Checkbox
            label={t('forms.primary')}
            checked={primary}
            onChange={(e) => setPrimary(e.currentTarget.checked)}
          />
          <RefusalAlert refusal={change.generalRefusal(fields)} />
          <FormButtons saving={change.saving} submitLabel={t('forms.addContactSubmit')} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
