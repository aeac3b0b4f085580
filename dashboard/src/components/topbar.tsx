import { messages, type Lang } from '../i18n';
import { identityLabel } from '../roles';
import { readToken } from '../token';
import { Brand } from './brand';
import { LanguageSwitch } from './language-switch';

export interface TopbarProps {
  token: string;
  lang: Lang;
  onLang: (lang: Lang) => void;
  onSignOut: () => void;
}

/** The brand, who is signed in (and until when), the language switch and signing out. */
export function Topbar({ token, lang, onLang, onSignOut }: TopbarProps) {
  const t = messages(lang);
  const info = readToken(token);
  return (
    <header className="topbar">
      <Brand subtitle={t.appTitle} />
      <div className="topbar-right">
        {info ? (
          <div className="identity" data-testid="identity">
            <span className="muted">{t.signedInAs}</span> {identityLabel(lang, info)}
            {info.exp ? (
              <span className="muted">
                {' '}
                · {t.expiresAt}{' '}
                {new Date(info.exp * 1000).toLocaleTimeString(lang === 'id' ? 'id-ID' : 'en-GB', { hour: '2-digit', minute: '2-digit' })}
              </span>
            ) : null}
          </div>
        ) : null}
        <LanguageSwitch lang={lang} onLang={onLang} />
        <button type="button" className="ghost" onClick={onSignOut}>
          {t.signOut}
        </button>
      </div>
    </header>
  );
}
