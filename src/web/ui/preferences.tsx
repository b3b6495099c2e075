import { ConfigProvider, theme as antTheme } from 'antd';
import type { ThemeConfig } from 'antd';
import type { Locale } from 'antd/es/locale';
import zhCN from 'antd/locale/zh_CN';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage } from '../i18n/index.ts';
import type { Language } from '../i18n/index.ts';
import { FeedbackProvider } from './feedback.tsx';

const CARE_KEY = 'tongban.careMode';

/** The visitor's display preferences: language and care mode (关怀模式). */
export type Preferences = {
  language: Language;
  setLanguage: (language: Language) => void;
  careMode: boolean;
  setCareMode: (on: boolean) => void;
};

const PreferencesContext = createContext<Preferences | null>(null);

/** Reads the preferences set by the header switches. */
export function usePreferences(): Preferences {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences outside PreferencesProvider');
  return value;
}

function readCareMode(): boolean {
  try {
    return localStorage.getItem(CARE_KEY) === '1';
  } catch {
    return false;
  }
}

const baseToken = {
  colorPrimary: '#1456c8',
  // Links and link buttons in the primary blue (antd's default #1677ff is 4.1:1 on white, below WCAG AA's 4.5:1).
  colorLink: '#1456c8',
  // 不予受理 / 撤回申请 (danger buttons): white on #cf1322 is 5.9:1; antd's #ff4d4f was 3.26:1 (issue 28.5).
  colorError: '#cf1322',
  borderRadius: 6,
  fontFamily:
    '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Segoe UI", Roboto, sans-serif',
};

/** Normal theme: the usual government-portal blue. */
const normalTheme: ThemeConfig = {
  token: {
    ...baseToken,
    fontSize: 15,
    // Secondary and help text at ≥ 4.5:1 on white (antd's #8c8c8c is 3.4:1).
    colorTextSecondary: '#595959',
    colorTextTertiary: '#5c5c5c',
    colorTextDescription: '#595959',
  },
};

/** Care mode (适老化): large type and controls, near-black text, stronger borders. */
const careTheme: ThemeConfig = {
  algorithm: antTheme.defaultAlgorithm,
  token: {
    ...baseToken,
    colorPrimary: '#0b3d91',
    fontSize: 20,
    fontSizeLG: 22,
    fontSizeSM: 18,
    fontSizeHeading1: 34,
    fontSizeHeading2: 30,
    fontSizeHeading3: 26,
    fontSizeHeading4: 23,
    lineHeight: 1.6,
    controlHeight: 48,
    controlHeightLG: 56,
    controlHeightSM: 40,
    colorText: '#000000',
    colorTextSecondary: '#1f1f1f',
    colorTextTertiary: '#333333',
    colorTextDescription: '#262626',
    colorBorder: '#595959',
    colorBorderSecondary: '#8c8c8c',
    colorLink: '#0b3d91',
    lineWidthFocus: 4,
  },
  components: {
    Switch: { trackHeight: 28, trackMinWidth: 56, handleSize: 24 },
    Table: { cellPaddingBlock: 16 },
  },
};

/** Provides language, care mode, the antd locale and theme to the whole application. */
export function PreferencesProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [careMode, setCareModeState] = useState(readCareMode);
  const [language, setLanguageState] = useState<Language>(currentLanguage());

  useEffect(() => {
    const onChange = () => setLanguageState(currentLanguage());
    i18n.on('languageChanged', onChange);
    return () => i18n.off('languageChanged', onChange);
  }, [i18n]);

  useEffect(() => {
    document.documentElement.classList.toggle('care-mode', careMode);
  }, [careMode]);

  // antd's English texts (pagination, empty tables, date pickers) load only for English readers.
  const [antdLocale, setAntdLocale] = useState<Locale>(zhCN);
  useEffect(() => {
    let current = true;
    if (language === 'en') void import('antd/locale/en_US').then((m) => current && setAntdLocale(m.default));
    else setAntdLocale(zhCN);
    return () => {
      current = false;
    };
  }, [language]);

  const setCareMode = useCallback((on: boolean) => {
    try {
      localStorage.setItem(CARE_KEY, on ? '1' : '0');
    } catch {
      // private mode: lasts for this page only
    }
    setCareModeState(on);
  }, []);

  const setLanguage = useCallback((next: Language) => void changeLanguage(next), []);

  const value = useMemo(() => ({ language, setLanguage, careMode, setCareMode }), [language, setLanguage, careMode, setCareMode]);

  return (
    <PreferencesContext.Provider value={value}>
      <ConfigProvider
        button={{ autoInsertSpace: false }}
        locale={antdLocale}
        theme={careMode ? careTheme : normalTheme}
        componentSize={careMode ? 'large' : 'medium'}
      >
        <FeedbackProvider>{children}</FeedbackProvider>
      </ConfigProvider>
    </PreferencesContext.Provider>
  );
}
