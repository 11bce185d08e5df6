// Typed translation keys: t('today.title') compiles, a misspelt key does not.
import type en from './en.json';

declare module 'i18next' {
  // Module augmentation works only by merging an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface CustomTypeOptions {
    resources: { translation: typeof en };
    nsSeparator: false;
  }
}
