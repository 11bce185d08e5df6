// Settings: my identity and zone, the team server and its token, notifications, plan templates
// (edited by a lead) and my recent changes waiting for the team.
import {
  Alert,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { roles, type Role } from '../../../core/mutations/mutation';
import { readRecentOutbox } from '../db/outbox';
import type { Settings } from '../db/schema';
import { saveSettings } from '../db/settings';
import { zoneOptions } from '../forms/places';
import { isDesktop } from '../platform/consoleApi';
import { useTeamBooks } from '../team/useTeamBooks';
import { NotificationsCard } from './NotificationsCard';
import { PlanTemplatesCard } from './PlanTemplatesCard';
import { SurvivalCard } from './SurvivalCard';
import { SyncServerCard } from './SyncServerCard';
import { formatShortInstant } from '../time/zonedFormat';

const roleLabels: Record<Role, string> = { tam: 'TAM', advisor: 'Advisor', lead: 'Team lead' };

export function SettingsView({ settings }: { settings: Settings }) {
  const [userName, setUserName] = useState(settings.userName);
  const [userId, setUserId] = useState(settings.userId);
  const [role, setRole] = useState<Role>(settings.role);
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [problem, setProblem] = useState<{ field: string | undefined; message: string } | null>(null);
  const outbox = useLiveQuery(() => readRecentOutbox(12), []);
  const team = useTeamBooks();

  async function save(event: FormEvent) {
    event.preventDefault();
    const result = await saveSettings({
      userName,
      userId,
      role,
      timeZone,
      syncServerUrl: settings.syncServerUrl,
    });
    if (!result.ok) {
      setProblem({ field: result.rejection.field, message: result.rejection.message });
      return;
    }
    setProblem(null);
    notifications.show({ message: 'Settings saved', color: 'green' });
  }

  const errorOf = (field: string) => (problem?.field === field ? problem.message : null);

  return (
    <Stack gap="sm" maw={900}>
      <Title order={1}>Settings</Title>
      <Card withBorder p="sm">
        <form onSubmit={save} noValidate>
          <Stack gap="xs">
            <Title order={2}>Me</Title>
            <SimpleGrid cols={4} spacing="xs">
              <TextInput
                label="Name"
                value={userName}
                onChange={(e) => setUserName(e.currentTarget.value)}
                error={errorOf('userName')}
              />
              <TextInput
                label="User id"
                value={userId}
                onChange={(e) => setUserId(e.currentTarget.value)}
                error={errorOf('userId')}
              />
              <Select
                label="Role"
                data={roles.map((value) => ({ value, label: roleLabels[value] }))}
                value={role}
                onChange={(value) => setRole((value as Role | null) ?? 'tam')}
                allowDeselect={false}
              />
              <Select
                label="My time zone"
                data={zoneOptions()}
                value={timeZone}
                onChange={(value) => setTimeZone(value ?? settings.timeZone)}
                searchable
                allowDeselect={false}
                limit={50}
              />
            </SimpleGrid>
            {problem && !['userName', 'userId'].includes(problem.field ?? '') ? (
              <Alert color="red" role="alert" p="xs">
                {problem.message}
              </Alert>
            ) : null}
            <Group justify="flex-end">
              <Button type="submit">Save me</Button>
            </Group>
          </Stack>
        </form>
      </Card>
      <SyncServerCard settings={settings} />
      <NotificationsCard />
      <Card withBorder p="sm">
        <Title order={2}>This console</Title>
        <Text size="sm" mt={4}>
          {isDesktop()
            ? 'Desktop app.'
            : 'Browser build: desktop notifications and files are not available here.'}{' '}
          {team ? `${team.books.length} customer${team.books.length === 1 ? '' : 's'} kept locally.` : ''}
        </Text>
      </Card>
      <SurvivalCard settings={settings} />
      <PlanTemplatesCard settings={settings} />
      <Card withBorder p="sm">
        <Title order={2}>My recent changes</Title>
        <Text size="xs" c="dimmed" mb={4}>
          Each change waits in the outbox until the team server confirms it.
        </Text>
        {outbox && outbox.length > 0 ? (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th style={{ whiteSpace: 'nowrap' }}>When (my zone)</Table.Th>
                <Table.Th>Change</Table.Th>
                <Table.Th>State</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {outbox.map((entry) => (
                <Table.Tr key={entry.mutationId}>
                  <Table.Td className="tabular">{entry.mutationId}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatShortInstant(entry.clientTime, settings.timeZone)}
                  </Table.Td>
                  <Table.Td>{entry.summary}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {entry.status === 'pending' ? 'Kept locally' : entry.status}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm">No changes yet.</Text>
        )}
      </Card>
    </Stack>
  );
}
