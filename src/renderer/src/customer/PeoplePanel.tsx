// Contacts (phone numbers in E.164) and the customer's projects or instances.
import { Badge, Button, Card, Group, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useCustomerDetailStore } from './customerDetailStore';
import { useTranslation } from 'react-i18next';
import type { CustomerBook } from '../../../core/records';

export function PeoplePanel({ book }: { book: CustomerBook }) {
  const { t } = useTranslation();
  const open = useCustomerDetailStore((state) => state.open);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
      <Card withBorder p="sm">
        <Group justify="space-between">
          <Title order={2}>{t('customer.people.contacts')}</Title>
          <Button size="compact-xs" variant="light" onClick={() => open({ kind: 'addContact' })}>
            {t('customer.people.addContact')}
          </Button>
        </Group>
        {book.contacts.length === 0 ? (
          <Text size="sm" mt={4}>
            {t('customer.people.noContacts')}
          </Text>
        ) : (
          <Table mt={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('customer.people.name')}</Table.Th>
                <Table.Th>{t('customer.people.role')}</Table.Th>
                <Table.Th>{t('customer.people.email')}</Table.Th>
                <Table.Th>{t('customer.people.phone')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {book.contacts.map((contact) => (
                <Table.Tr key={contact.id}>
                  <Table.Td>
                    {contact.name}{' '}
                    {contact.primary ? <Badge variant="light">{t('customer.people.primary')}</Badge> : null}
                  </Table.Td>
                  <Table.Td>{t(`customer.people.roles.${contact.role}`)}</Table.Td>
                  <Table.Td>{contact.email}</Table.Td>
                  <Table.Td className="tabular">{contact.phones.join(', ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <Card withBorder p="sm">
        <Group justify="space-between">
          <Title order={2}>{t('customer.people.projects')}</Title>
          <Button size="compact-xs" variant="light" onClick={() => open({ kind: 'addProject' })}>
            {t('customer.people.addProject')}
          </Button>
        </Group>
        {book.projects.length === 0 ? (
          <Text size="sm" mt={4}>
            {t('customer.people.noProjects')}
          </Text>
        ) : (
          <Table mt={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('customer.people.name')}</Table.Th>
                <Table.Th>{t('customer.people.environment')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {book.projects.map((project) => (
                <Table.Tr key={project.id}>
                  <Table.Td>{project.name}</Table.Td>
                  <Table.Td>{t(`customer.people.environments.${project.environment}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </SimpleGrid>
  );
}
