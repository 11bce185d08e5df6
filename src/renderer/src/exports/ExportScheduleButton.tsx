// Schedule's "Export my schedule": my review series and my customers' Go Lives and training days
// as one calendar file, to import into the calendar I live in.
import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { myScheduleCalendar } from '../../../core/calendarExport';
import type { CustomerBook } from '../../../core/records';
import { currentInstant } from '../time/clock';
import { downloadFile, ICS_TYPE } from './download';

type Props = { books: readonly CustomerBook[] | null; userId: string };

export function ExportScheduleButton({ books, userId }: Props) {
  const { t } = useTranslation();
  return (
    <Button
      variant="default"
      disabled={books === null}
      onClick={() => {
        if (books)
          downloadFile('my-tam-schedule.ics', myScheduleCalendar(books, userId, currentInstant()), ICS_TYPE);
      }}
    >
      {t('exports.exportSchedule')}
    </Button>
  );
}
