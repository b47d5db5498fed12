// Pure translation helpers, separate from React so they can be tested directly.
import { en } from './en';
import { vi, type MessageKey, type Messages } from './vi';

export type Lang = 'vi' | 'en';
export type Params = Record<string, string | number>;

export const MESSAGES: Record<Lang, Messages> = { vi, en };

/** The message for key with each {name} replaced by params[name]; unknown names stay as written. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text: string = MESSAGES[lang][key] ?? vi[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** True when key names a message (for keys built at run time, like "error." + code). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(vi, key);
}

/** A name the server sends in both languages ({nameVi, nameEn}) in the current language. */
export function localName(item: { nameVi: string; nameEn: string } | undefined, lang: Lang, fallback = ''): string {
  if (!item) return fallback;
  return (lang === 'en' ? item.nameEn || item.nameVi : item.nameVi || item.nameEn) || fallback;
}

export function normaliseLang(v: string | null | undefined): Lang {
  return v === 'en' ? 'en' : 'vi';
}
