// First start: who I am, then a demo book or an empty one. Everything is saved in this console;
// no server is needed.
import {
  Alert,
  Button,
  Card,
  Center,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '../../../core/mutations/mutation';
import { startWithDemoBook, startWithEmptyBook } from '../db/firstStart';
import { settingsSchema } from '../db/schema';
import { zoneOptions } from '../forms/places';
import { LanguageSelect } from '../i18n/LanguageSelect';
import { browserZone, currentInstant } from '../time/clock';
import { dateInZone } from '../time/zonedFormat';

const demoSizes = ['60', '200', '1000', '5000'];

export function FirstStartView() {
  const { t } = useTranslation();
  const [userName, setUserName] = useState('');
  const [userId, setUserId] = useState('tam-01');
  const [role, setRole] = useState<Role>('tam');
  const [timeZone, setTimeZone] = useState(browserZone());
  const [demoSize, setDemoSize] = useState('60');
  const [problem, setProblem] = useState<{ field: string | null; message: string } | null>(null);
  const [busy, setBusy] = useState<'demo' | 'empty' | null>(null);

  async function start(source: 'demo' | 'empty') {
    const parsed = settingsSchema.safeParse({ userName, userId, role, timeZone, syncServerUrl: null });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setProblem({ field: issue?.path.join('.') ?? null, message: issue?.message ?? 'is not valid' });
      return;
    }
    setProblem(null);
    setBusy(source);
    try {
      const now = currentInstant();
      if (source === 'demo')
        await startWithDemoBook(parsed.data, {
          customers: Number(demoSize),
          today: dateInZone(now, timeZone),
          now,
        });
      else await startWithEmptyBook(parsed.data, now);
    } catch (error) {
      console.error('First start failed', error);
      setProblem({
        field: null,
        message: t('firstStart.saveFailed', {
          reason: error instanceof Error ? error.message : String(error),
        }),
      });
      setBusy(null);
    }
  }

  const errorOf = (field: string) => (problem?.field === field ? problem.message : null);

  return (
    <Center mih="100%" p="md">
      <Card withBorder w={560} p="lg" component="main">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Title order={1}>{t('firstStart.title')}</Title>
            <LanguageSelect />
          </Group>
          <Text size="sm">{t('firstStart.intro')}</Text>
          <SimpleGrid cols={2} spacing="xs">
            <TextInput
              label={t('firstStart.name')}
              required
              value={userName}
              onChange={(e) => setUserName(e.currentTarget.value)}
              error={errorOf('userName')}
            />
            <TextInput
              label={t('firstStart.userId')}
              description={t('firstStart.userIdHint')}
              required
              value={userId}
              onChange={(e) => setUserId(e.currentTarget.value)}
              error={errorOf('userId')}
            />
            <Select
              label={t('firstStart.role')}
              data={roles.map((value) => ({ value, label: t(`roles.${value}`) }))}
              value={role}
              onChange={(value) => setRole((value as Role | null) ?? 'tam')}
              allowDeselect={false}
            />
            <Select
              label={t('firstStart.timeZone')}
              data={zoneOptions()}
              value={timeZone}
              onChange={(value) => setTimeZone(value ?? browserZone())}
              searchable
              allowDeselect={false}
              limit={50}
              error={errorOf('timeZone')}
            />
          </SimpleGrid>
          {problem && problem.field === null ? (
            <Alert color="red" role="alert" p="xs">
              {problem.message}
            </Alert>
          ) : null}
          <Group align="flex-end" gap="xs" mt="xs">
            <Select
              label={t('firstStart.demoCustomers')}
              data={demoSizes}
              value={demoSize}
              onChange={(value) => setDemoSize(value ?? '60')}
              allowDeselect={false}
              w={130}
            />
            <Button onClick={() => void start('demo')} loading={busy === 'demo'} disabled={busy !== null}>
              {t('firstStart.loadDemo')}
            </Button>
            <Button
              variant="default"
              onClick={() => void start('empty')}
              loading={busy === 'empty'}
              disabled={busy !== null}
            >
              {t('firstStart.startEmpty')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {t('firstStart.demoNote')}
          </Text>
        </Stack>
      </Card>
    </Center>
  );
}
