// Notifications of deadlines: native in the desktop app; in the browser build, the Web API once
// the TAM allows it.
import { Button, Card, Group, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isDesktop } from '../platform/consoleApi';

function browserPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export function NotificationsCard() {
  const { t } = useTranslation();
  const [permission, setPermission] = useState(browserPermission);
  const desktop = isDesktop();
  return (
    <Card withBorder p="sm">
      <Title order={2}>{t('settings.notifications.title')}</Title>
      <Text size="sm" mt={4}>
        {t('settings.notifications.what')}
      </Text>
      <Group gap="xs" mt={4}>
        {desktop ? (
          <Text size="sm">{t('settings.notifications.desktopOn')}</Text>
        ) : permission === 'granted' ? (
          <Text size="sm">{t('settings.notifications.allowed')}</Text>
        ) : permission === 'denied' ? (
          <Text size="sm">{t('settings.notifications.blocked')}</Text>
        ) : permission === 'unsupported' ? (
          <Text size="sm">{t('settings.notifications.unsupported')}</Text>
        ) : (
          <Button variant="default" onClick={() => void Notification.requestPermission().then(setPermission)}>
            {t('settings.notifications.allow')}
          </Button>
        )}
      </Group>
    </Card>
  );
}
