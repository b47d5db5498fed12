// Language context: the chosen language (kept in localStorage), t() and the error text helper.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { errorText } from '../api/errors';
import type { MessageKey } from './vi';
import { isMessageKey, normaliseLang, translate, type Lang, type Params } from './translate';

export type { Lang } from './translate';
export type { MessageKey } from './vi';
export { isMessageKey, localName } from './translate';

const STORAGE_KEY = 'longghep.lang';

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, params?: Params) => string;
  /** The text to show for a caught error (an ApiError or anything else). */
  errText: (err: unknown) => string;
}

const I18nContext = createContext<I18n | null>(null);

function storedLang(): Lang {
  try {
    return normaliseLang(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return 'vi';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translate(lang, 'app.title');
    dayjs.locale(lang === 'vi' ? 'vi' : 'en');
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const t = (key: MessageKey, params?: Params) => translate(lang, key, params);
    const fallback = (code: string) => {
      const key = `error.${code}`;
      return isMessageKey(key) ? translate(lang, key) : translate(lang, 'error.unexpected');
    };
    return { lang, setLang, t, errText: (err: unknown) => errorText(err, lang, fallback) };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
