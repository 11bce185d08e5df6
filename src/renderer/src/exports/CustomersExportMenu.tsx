// The Customers view's Export / Import menu: the book's customers, contracts and contacts as CSV,
// and the import that reads that same format back.
import { Button, Menu } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recordsCsvTable } from '../../../core/csvImport';
import type { Settings } from '../db/schema';
import type { TeamBooks } from '../db/teamBooks';
import { csvText } from './csvText';
import { CSV_TYPE, downloadFile } from './download';
import { ImportCustomersModal } from './ImportCustomersModal';

export function CustomersExportMenu({ team, settings }: { team: TeamBooks | null; settings: Settings }) {
  const { t } = useTranslation();
  const [importing, setImporting] = useState(false);
  return (
    <>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default">{t('exports.exportImport')}</Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            disabled={!team}
            onClick={() =>
              team && downloadFile('customers.csv', csvText(recordsCsvTable(team.books)), CSV_TYPE)
            }
          >
            {t('exports.exportCustomers')}
          </Menu.Item>
          <Menu.Item disabled={!team} onClick={() => setImporting(true)}>
            {t('exports.importCsv')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ImportCustomersModal
        opened={importing}
        onClose={() => setImporting(false)}
        team={team}
        settings={settings}
      />
    </>
  );
}
