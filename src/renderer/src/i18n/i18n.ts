// The console's languages: i18next with the English and German resources, the chosen language kept
// on this device, and the display locale the date and number formatting follows.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setDisplayLanguage } from '../time/zonedFormat';
import { isLanguage, languageFromBrowser, languages, type Language } from './languages';
import { i18nOptions } from './resources';

// A device preference, read before IndexedDB opens so that first start already speaks it.
const STORAGE_KEY = 'tam-console.language';

function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

function startLanguage(): Language {
  return storedLanguage() ?? languageFromBrowser(navigator.languages ?? [navigator.language]);
}

function applyLanguage(language: Language): void {
  setDisplayLanguage(language);
  document.documentElement.lang = language;
}

const initial = startLanguage();
applyLanguage(initial);

void i18next.use(initReactI18next).init({ ...i18nOptions, lng: initial });

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'en';
}

/** Switches the UI and the formatting, and remembers the choice on this device. */
export async function chooseLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // No storage (a locked-down browser): the choice lasts for this session.
  }
  applyLanguage(language);
  await i18next.changeLanguage(language);
}

export { i18next, isLanguage, languages, type Language };
