import { useEffect, useState, type FormEvent } from 'react';
import { fetchDevRoles, fetchDevToken, type DevRole } from '../api';
import { messages, type Lang } from '../i18n';
import { roleLabel } from '../roles';
import { isExpired, readToken } from '../token';
import { Brand } from './brand';
import { LanguageSwitch } from './language-switch';

export interface SignInProps {
  lang: Lang;
  onLang: (lang: Lang) => void;
  onSignedIn: (token: string) => void;
  /** Why the caller is here again (an expired or refused token). */
  notice: string | null;
}

export function SignIn({ lang, onLang, onSignedIn, notice }: SignInProps) {
  const t = messages(lang);
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [devRoles, setDevRoles] = useState<DevRole[]>([]);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    void fetchDevRoles().then(setDevRoles);
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const token = pasted.trim().replace(/^Bearer\s+/i, '');
    const info = readToken(token);
    if (!info) return setError(t.notAToken);
    if (isExpired(info)) return setError(t.tokenExpired);
    onSignedIn(token);
  };

  const signInAs = async (role: DevRole) => {
    setBusy(role.id);
    setError(null);
    try {
      onSignedIn(await fetchDevToken(role.id));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="sign-in-page">
      <div className="sign-in-card">
        <div className="sign-in-top">
          <Brand subtitle={t.appTitle} />
          <LanguageSwitch lang={lang} onLang={onLang} />
        </div>
        <h1>{t.signInTitle}</h1>
        <p className="lead">{t.signInLead}</p>
        {notice ? (
          <p className="notice" role="alert">
            {notice}
          </p>
        ) : null}
        {devRoles.length > 0 ? (
          <section className="dev-roles" aria-labelledby="dev-roles-title">
            <h2 id="dev-roles-title">{t.devRoles}</h2>
            <p className="hint">{t.devRolesLead}</p>
            <div className="role-buttons">
              {devRoles.map((role) => (
                <button key={role.id} type="button" data-role={role.id} disabled={busy !== null} onClick={() => void signInAs(role)}>
                  <span className="role-name">{roleLabel(lang, role.id, role.org, role.roles)}</span>
                  <span className="role-claims">
                    {role.org} · {role.roles.join(', ')}
                  </span>
                </button>
              ))}
            </div>
          </section>
        ) : null}
        <form onSubmit={submit} className="token-form">
          <label htmlFor="token">{t.pasteToken}</label>
          <textarea
            id="token"
            name="token"
            rows={4}
            spellCheck={false}
            autoComplete="off"
            placeholder={t.tokenPlaceholder}
            value={pasted}
            onChange={(e) => {
              setPasted(e.target.value);
              setError(null);
            }}
          />
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" className="primary" disabled={!pasted.trim()}>
            {t.signIn}
          </button>
        </form>
        <p className="hint">
          {t.tokenHelp} <code>npm run -s token -- --org government:kaltim --roles analyst</code>
        </p>
      </div>
    </div>
  );
}
