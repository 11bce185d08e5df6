// The language picker (Settings and first start): it switches at once and is kept on this device.
import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, currentLanguage, isLanguage, languages } from './i18n';

export function LanguageSelect({ withDescription = false }: { withDescription?: boolean }) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('language.label')}
      description={withDescription ? t('language.description') : undefined}
      data={languages.map((language) => ({ value: language, label: t(`language.${language}`) }))}
      value={currentLanguage()}
      onChange={(value) => {
        if (isLanguage(value)) void chooseLanguage(value);
      }}
      allowDeselect={false}
      w={220}
    />
  );
}
