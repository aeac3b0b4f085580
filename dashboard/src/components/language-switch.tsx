import { LANGS, messages, type Lang } from '../i18n';

const NAMES: Record<Lang, string> = { id: 'Bahasa Indonesia', en: 'English' };

export function LanguageSwitch({ lang, onLang }: { lang: Lang; onLang: (lang: Lang) => void }) {
  return (
    <div className="lang-switch" role="group" aria-label={messages(lang).language}>
      {LANGS.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === lang} title={NAMES[l]} onClick={() => onLang(l)}>
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
