// Announces deadlines (deadlineAlerts) once each: through the desktop app's native notifications,
// or the browser's Notification API where the TAM allowed it in the browser build.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../db/schema';
import { desktopApi } from '../platform/consoleApi';
import { useStatusOf } from '../team/useStatusOf';
import { useTeamBooks } from '../team/useTeamBooks';
import { useNow } from '../time/clock';
import { deadlineAlerts, type DeadlineAlert } from './deadlineAlerts';

const STORAGE_KEY = 'tam-console.announced';
const REMEMBERED = 500;

function announcedBefore(): Set<string> {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '[]');
    return new Set(
      Array.isArray(stored) ? stored.filter((key): key is string => typeof key === 'string') : [],
    );
  } catch {
    return new Set();
  }
}

async function announce(alert: DeadlineAlert): Promise<void> {
  const api = desktopApi();
  if (api) {
    const shown = await api.showNotification({ title: alert.title, body: alert.body, kind: alert.kind });
    if (!shown.ok) console.warn('Desktop notification not shown:', shown.error.message);
    return;
  }
  if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
    new Notification(alert.title, { body: alert.body, tag: alert.key });
  }
}

export function useDeadlineNotifications(settings: Settings): void {
  const { t } = useTranslation();
  const team = useTeamBooks();
  const statusOf = useStatusOf();
  const now = useNow();
  const announced = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!team || !statusOf) return;
    announced.current ??= announcedBefore();
    const seen = announced.current;
    const fresh = deadlineAlerts({
      books: team.books,
      statusOf: (book) => statusOf(book, team.templates, now),
      now,
      me: { userId: settings.userId, timeZone: settings.timeZone },
      t,
    }).filter((alert) => !seen.has(alert.key));
    if (fresh.length === 0) return;
    for (const alert of fresh) {
      seen.add(alert.key);
      void announce(alert);
    }
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify([...seen].slice(-REMEMBERED)));
  }, [team, statusOf, now, settings.userId, settings.timeZone, t]);
}
