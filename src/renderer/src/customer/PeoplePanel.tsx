// Contacts (phone numbers in E.164) and the customer's projects or instances.
import { Badge, Button, Card, Group, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useCustomerDetailStore } from './customerDetailStore';
import { contactRoleLabels } from './planWords';
import type { CustomerBook } from '../../../core/records';

export function PeoplePanel({ book }: { book: CustomerBook }) {
  const open = useCustomerDetailStore((state) => state.open);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
      <Card withBorder p="sm">
        <Group justify="space-between">
          <Title order={2}>Contacts</Title>
          <Button size="compact-xs" variant="light" onClick={() => open({ kind: 'addContact' })}>
            Add contact
          </Button>
        </Group>
        {book.contacts.length === 0 ? (
          <Text size="sm" mt={4}>
            No contacts yet.
          </Text>
        ) : (
          <Table mt={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Phone (E.164)</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {book.contacts.map((contact) => (
                <Table.Tr key={contact.id}>
                  <Table.Td>
                    {contact.name} {contact.primary ? <Badge variant="light">primary</Badge> : null}
                  </Table.Td>
                  <Table.Td>{contactRoleLabels[contact.role]}</Table.Td>
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
          <Title order={2}>Projects and instances</Title>
          <Button size="compact-xs" variant="light" onClick={() => open({ kind: 'addProject' })}>
            Add project
          </Button>
        </Group>
        {book.projects.length === 0 ? (
          <Text size="sm" mt={4}>
            No projects yet.
          </Text>
        ) : (
          <Table mt={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Environment</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {book.projects.map((project) => (
                <Table.Tr key={project.id}>
                  <Table.Td>{project.name}</Table.Td>
                  <Table.Td>{project.environment}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </SimpleGrid>
  );
}
