import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zhCN } from './zh-CN.ts';

/** Languages the web application speaks; `zh-CN` is the default. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'tongban.language';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language stored by the header switch, else Chinese. */
export function readStoredLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** The language in use now (sent as Accept-Language with every API call). */
export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'zh-CN';
}

/** English strings load on demand: most visitors read Chinese and should not download both. */
async function loadLanguage(language: Language): Promise<void> {
  if (language !== 'en' || i18next.hasResourceBundle('en', 'translation')) return;
  const { en } = await import('./en.ts');
  i18next.addResourceBundle('en', 'translation', en, true, true);
}

/** Switches the language, remembers it and updates `<html lang>`. */
export async function changeLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this page only
  }
  await i18next.changeLanguage(language);
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

/**
 * Resolves when the strings of the stored language are loaded: render after it. Chinese is
 * bundled; English arrives with its own chunk only for those who chose it.
 */
export const i18nReady: Promise<void> = i18next
  .use(initReactI18next)
  .init({
    resources: { 'zh-CN': { translation: zhCN } },
    partialBundledLanguages: true,
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  .then(async () => {
    const stored = readStoredLanguage();
    if (stored !== 'zh-CN') {
      await loadLanguage(stored);
      await i18next.changeLanguage(stored);
    }
  });

export { i18next };
