// The count next to "Needs attention" in the nav: my refused changes, plus for a lead the
// exception requests waiting for a decision. Nothing shows at zero.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { countOpenExceptionRequests, countRejectedEntries } from '../db/attention';
import type { Settings } from '../db/schema';

export function AttentionBadge({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const isLead = settings.role === 'lead';
  const count = useLiveQuery(
    async () => (await countRejectedEntries()) + (isLead ? await countOpenExceptionRequests() : 0),
    [isLead],
  );
  if (!count) return null;
  return (
    <Badge size="sm" color="red" variant="filled" aria-label={t('attention.badge', { count })}>
      {count}
    </Badge>
  );
}
