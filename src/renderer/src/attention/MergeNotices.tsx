// "Changed by X": a field of my edit that kept someone else's value (per-field merge, the later
// edit wins). Non-blocking, above the view; each notice names the field, their value and mine,
// and stays, across reloads, until I close it.
import { Notification, Stack, Text } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { dismissMergeNotice, readMergeNotices, type MergeNotice } from '../db/mergeNotices';
import type { Settings } from '../db/schema';
import { useNameOf } from '../team/personName';
import { formatShortInstant } from '../time/zonedFormat';

function valueInWords(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  if (Array.isArray(value)) return value.length === 0 ? empty : value.map(String).join(', ');
  if (typeof value === 'string') return `“${value}”`;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function noticeKey(notice: MergeNotice): string {
  return `${notice.mutationId}|${notice.field}|${notice.by}|${notice.at}`;
}

export function MergeNotices({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const nameOf = useNameOf(settings);
  const myZone = settings.timeZone;
  const notices = useLiveQuery(readMergeNotices, []);
  if (!notices || notices.length === 0) return null;
  const empty = t('mergeNotice.empty');
  return (
    <Stack gap={6} mb="xs" role="region" aria-label={t('mergeNotice.region')} style={{ flexShrink: 0 }}>
      {notices.map((notice) => {
        const field = t(`mergeNotice.fields.${notice.field}` as 'mergeNotice.fields.name', {
          defaultValue: notice.field,
        });
        const by = nameOf(notice.by);
        return (
          <Notification
            key={noticeKey(notice)}
            role="status"
            color="yellow"
            withBorder
            title={t('mergeNotice.title', { field, by })}
            closeButtonProps={{ 'aria-label': t('mergeNotice.close') }}
            onClose={() => void dismissMergeNotice(notice)}
          >
            <Text size="sm" c="var(--mantine-color-text)">
              {t('mergeNotice.what', {
                what: t(`mergeNotice.subject.${notice.subject.kind}`, {
                  name: notice.subject.name,
                  customer: notice.subject.customer ?? '',
                }),
                at: formatShortInstant(notice.at, myZone),
              })}
            </Text>
            <Text size="sm" c="var(--mantine-color-text)">
              {t('mergeNotice.theirs', { value: valueInWords(notice.keptValue, empty), by })}
            </Text>
            <Text size="sm" c="var(--mantine-color-text)">
              {t('mergeNotice.yours', { value: valueInWords(notice.yourValue, empty) })}
            </Text>
          </Notification>
        );
      })}
    </Stack>
  );
}
