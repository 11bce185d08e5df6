// The team server: its address (kept in settings) and its token, which the desktop app keeps
// encrypted by the system's key store; the browser build keeps it in this profile's IndexedDB.
import { Button, Card, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../db/schema';
import { saveSettings } from '../db/settings';
import { desktopApi } from '../platform/consoleApi';
import { syncCredentialsSchema } from '../../../preload/api';
import { clearBrowserSyncToken, hasBrowserSyncToken, saveBrowserSyncToken } from '../sync/syncConnection';
import { kickSync } from '../sync/syncRuntime';

type Problem = { field: 'syncServerUrl' | 'token' | null; message: string };

export function SyncServerCard({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const api = desktopApi();
  const [serverUrl, setServerUrl] = useState(settings.syncServerUrl ?? '');
  const [token, setToken] = useState('');
  const [tokenSaved, setTokenSaved] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    if (!api) {
      void hasBrowserSyncToken().then(setTokenSaved);
      return;
    }
    void api.loadSyncCredentials().then((loaded) => setTokenSaved(loaded.ok && loaded.value !== null));
  }, [api]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const url = serverUrl.trim() === '' ? null : serverUrl.trim();
    const saved = await saveSettings({ ...settings, syncServerUrl: url });
    if (!saved.ok) {
      setProblem({
        field: 'syncServerUrl',
        message: saved.rejection.message.replace(/^syncServerUrl: /, ''),
      });
      return;
    }
    if (api && url && token.trim() !== '') {
      const stored = await api.saveSyncCredentials({ serverUrl: url, token: token.trim() });
      if (!stored.ok) {
        setProblem({
          field:
            stored.error.field === 'serverUrl'
              ? 'syncServerUrl'
              : stored.error.field === 'token'
                ? 'token'
                : null,
          message: stored.error.message,
        });
        return;
      }
      setToken('');
      setTokenSaved(true);
    }
    if (!api && url && token.trim() !== '') {
      const checked = syncCredentialsSchema.safeParse({ serverUrl: url, token: token.trim() });
      if (!checked.success) {
        setProblem({
          field: 'token',
          message: checked.error.issues[0]?.message ?? t('settings.server.notToken'),
        });
        return;
      }
      await saveBrowserSyncToken(checked.data.token);
      setToken('');
      setTokenSaved(true);
    }
    setProblem(null);
    kickSync();
    notifications.show({
      message: url ? t('settings.server.set', { url }) : t('settings.server.offlineOnly'),
      color: 'green',
    });
  }

  async function forgetToken() {
    if (!api) {
      await clearBrowserSyncToken();
      setTokenSaved(false);
      return;
    }
    const cleared = await api.clearSyncCredentials();
    if (cleared.ok) setTokenSaved(false);
  }

  return (
    <Card withBorder p="sm">
      <form onSubmit={save} noValidate>
        <Stack gap="xs">
          <Title order={2}>{t('settings.server.title')}</Title>
          <Group align="flex-start" gap="xs" grow>
            <TextInput
              label={t('settings.server.url')}
              description={t('settings.server.urlNote')}
              placeholder="https://tam.example.com"
              value={serverUrl}
              onChange={(e) => setServerUrl(e.currentTarget.value)}
              error={problem?.field === 'syncServerUrl' ? problem.message : null}
            />
            <PasswordInput
              label={t('settings.server.token')}
              description={
                api
                  ? tokenSaved
                    ? t('settings.server.tokenSavedDesktop')
                    : t('settings.server.tokenDesktop')
                  : tokenSaved
                    ? t('settings.server.tokenSavedBrowser')
                    : t('settings.server.tokenBrowser')
              }
              placeholder="tamc_…"
              value={token}
              onChange={(e) => setToken(e.currentTarget.value)}
              error={problem?.field === 'token' ? problem.message : null}
            />
          </Group>
          {problem && problem.field === null ? (
            <Text size="sm" c="var(--mantine-color-red-light-color)" role="alert">
              {problem.message}
            </Text>
          ) : null}
          <Group justify="flex-end" gap="xs">
            {tokenSaved ? (
              <Button variant="default" onClick={() => void forgetToken()}>
                {t('settings.server.forget')}
              </Button>
            ) : null}
            <Button type="submit">{t('settings.server.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
