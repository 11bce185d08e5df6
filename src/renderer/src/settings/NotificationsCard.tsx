// Notifications of deadlines: native in the desktop app; in the browser build, the Web API once
// the TAM allows it.
import { Button, Card, Group, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { isDesktop } from '../platform/consoleApi';

function browserPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export function NotificationsCard() {
  const [permission, setPermission] = useState(browserPermission);
  const desktop = isDesktop();
  return (
    <Card withBorder p="sm">
      <Title order={2}>Notifications</Title>
      <Text size="sm" mt={4}>
        A review call within the hour, a Go Live within 24 h and a response objective about to be missed are
        announced once each.
      </Text>
      <Group gap="xs" mt={4}>
        {desktop ? (
          <Text size="sm">Desktop notifications are on.</Text>
        ) : permission === 'granted' ? (
          <Text size="sm">Browser notifications are allowed.</Text>
        ) : permission === 'denied' ? (
          <Text size="sm">
            Browser notifications are blocked for this site; allow them in the browser to get them.
          </Text>
        ) : permission === 'unsupported' ? (
          <Text size="sm">This browser has no notifications; deadlines show on Today.</Text>
        ) : (
          <Button variant="default" onClick={() => void Notification.requestPermission().then(setPermission)}>
            Allow browser notifications
          </Button>
        )}
      </Group>
    </Card>
  );
}
