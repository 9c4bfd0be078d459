/** The chosen interface language, remembered on the device; changing it re-renders every screen. */
import { createContext, Fragment, useContext, useState, type ReactNode } from 'react';
import { language as current, languages, setLanguage, type Language } from './messages';

const STORAGE_KEY = 'chitra.language';

/** Applies the remembered language before the first render (Vietnamese unless chosen otherwise). */
export function restoreLanguage(): Language {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  const lang = languages.find((l) => l === saved) ?? 'vi';
  setLanguage(lang);
  return lang;
}

const LanguageContext = createContext<{ language: Language; change: (l: Language) => void }>({
  language: 'vi',
  change: () => undefined,
});

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setState] = useState<Language>(current);
  function change(next: Language) {
    setLanguage(next);
    localStorage.setItem(STORAGE_KEY, next);
    setState(next);
  }
  // The key remounts the tree so every screen reads the new catalogue.
  return (
    <LanguageContext.Provider value={{ language, change }}>
      <Fragment key={language}>{children}</Fragment>
    </LanguageContext.Provider>
  );
}

export function useLanguage() {
  return useContext(LanguageContext);
}
