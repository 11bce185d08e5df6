// The customer header's Export menu: the customer's calendar file and its usage statement.
import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { calendarFileName, customerCalendar } from '../../../core/calendarExport';
import type { CustomerBook } from '../../../core/records';
import { useNavigation } from '../navigation/navigationStore';
import { currentInstant } from '../time/clock';
import { downloadFile, ICS_TYPE } from './download';

export function CustomerExportMenu({ book }: { book: CustomerBook }) {
  const { t } = useTranslation();
  const go = useNavigation((state) => state.go);
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="default">{t('exports.export')}</Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          onClick={() =>
            downloadFile(
              calendarFileName(book.customer.name),
              customerCalendar(book, currentInstant()),
              ICS_TYPE,
            )
          }
        >
          {t('exports.calendar')}
        </Menu.Item>
        <Menu.Item onClick={() => go({ view: 'statement', customerId: book.customer.id, year: null })}>
          {t('exports.statement')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
