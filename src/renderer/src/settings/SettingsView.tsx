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
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '../../../core/mutations/mutation';
import { readRecentOutbox } from '../db/outbox';
import type { Settings } from '../db/schema';
import { saveSettings } from '../db/settings';
import { zoneOptions } from '../forms/places';
import { LanguageSelect } from '../i18n/LanguageSelect';
import { useRuleWords } from '../i18n/useRuleWords';
import { isDesktop } from '../platform/consoleApi';
import { useTeamBooks } from '../team/useTeamBooks';
import { NotificationsCard } from './NotificationsCard';
import { PlanTemplatesCard } from './PlanTemplatesCard';
import { SurvivalCard } from './SurvivalCard';
import { SyncServerCard } from './SyncServerCard';
import { formatShortInstant } from '../time/zonedFormat';

export function SettingsView({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const words = useRuleWords();
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
    notifications.show({ message: t('settings.saved'), color: 'green' });
  }

  const errorOf = (field: string) => (problem?.field === field ? problem.message : null);

  return (
    <Stack gap="sm" maw={900}>
      <Title order={1}>{t('settings.title')}</Title>
      <Card withBorder p="sm">
        <form onSubmit={save} noValidate>
          <Stack gap="xs">
            <Title order={2}>{t('settings.me')}</Title>
            <SimpleGrid cols={4} spacing="xs">
              <TextInput
                label={t('settings.name')}
                value={userName}
                onChange={(e) => setUserName(e.currentTarget.value)}
                error={errorOf('userName')}
              />
              <TextInput
                label={t('settings.userId')}
                value={userId}
                onChange={(e) => setUserId(e.currentTarget.value)}
                error={errorOf('userId')}
              />
              <Select
                label={t('settings.role')}
                data={roles.map((value) => ({ value, label: t(`roles.${value}`) }))}
                value={role}
                onChange={(value) => setRole((value as Role | null) ?? 'tam')}
                allowDeselect={false}
              />
              <Select
                label={t('settings.timeZone')}
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
              <Button type="submit">{t('settings.saveMe')}</Button>
            </Group>
          </Stack>
        </form>
      </Card>
      <Card withBorder p="sm">
        <Title order={2}>{t('language.label')}</Title>
        {/* Applies at once and stays on this device: no Save button. */}
        <LanguageSelect withDescription />
      </Card>
      <SyncServerCard settings={settings} />
      <NotificationsCard />
      <Card withBorder p="sm">
        <Title order={2}>{t('settings.thisConsole')}</Title>
        <Text size="sm" mt={4}>
          {isDesktop() ? t('settings.desktop') : t('settings.browser')}{' '}
          {team ? t('settings.keptLocally', { count: team.books.length }) : ''}
        </Text>
      </Card>
      <SurvivalCard settings={settings} />
      <PlanTemplatesCard settings={settings} />
      <Card withBorder p="sm">
        <Title order={2}>{t('settings.recentChanges')}</Title>
        <Text size="xs" c="dimmed" mb={4}>
          {t('settings.recentChangesNote')}
        </Text>
        {outbox && outbox.length > 0 ? (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.number')}</Table.Th>
                <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('settings.when')}</Table.Th>
                <Table.Th>{t('settings.change')}</Table.Th>
                <Table.Th>{t('settings.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {outbox.map((entry) => (
                <Table.Tr key={entry.mutationId}>
                  <Table.Td className="tabular">{entry.mutationId}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatShortInstant(entry.clientTime, settings.timeZone)}
                  </Table.Td>
                  <Table.Td>{words.change(entry)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`settings.${entry.status}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm">{t('settings.noChanges')}</Text>
        )}
      </Card>
    </Stack>
  );
}
