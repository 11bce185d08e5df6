// The i18next options the console and its tests share, and a standalone translator for code that
// runs without the DOM (unit tests, figures computed outside React).
import i18next, { type InitOptions, type TFunction } from 'i18next';
import de from './de.json';
import en from './en.json';
import { languages, type Language } from './languages';

export const i18nOptions = {
  resources: { en: { translation: en }, de: { translation: de } },
  fallbackLng: 'en',
  supportedLngs: languages,
  interpolation: { escapeValue: false },
  // Keys hold command names such as "goLive:book": a colon is not a namespace here.
  nsSeparator: false,
  initAsync: false,
} satisfies InitOptions;

/** A translator for one language, independent of the one the UI speaks. */
export function translatorFor(language: Language): TFunction {
  const instance = i18next.createInstance();
  void instance.init({ ...i18nOptions, lng: language });
  return instance.t;
}
