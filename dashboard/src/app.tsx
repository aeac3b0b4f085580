import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from './api';
import { HatchDefs } from './components/hatch';
import { Dashboard } from './components/dashboard';
import { SignIn } from './components/sign-in';
import { LANGS, messages, type Lang } from './i18n';
import { isExpired, readToken, tokenStore } from './token';

const LANG_KEY = 'mitra-dashboard-lang';

function initialLang(): Lang {
  const stored = localStorage.getItem(LANG_KEY);
  return LANGS.includes(stored as Lang) ? (stored as Lang) : 'id';
}

function initialToken(): string | null {
  const token = tokenStore.get();
  const info = token ? readToken(token) : null;
  return info && !isExpired(info) ? token : null;
}

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [token, setToken] = useState<string | null>(initialToken);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    localStorage.setItem(LANG_KEY, lang);
    document.documentElement.lang = lang;
    document.title = `Mitra Graph · ${messages(lang).appTitle}`;
  }, [lang]);

  const signIn = useCallback((value: string) => {
    tokenStore.set(value);
    setNotice(null);
    setToken(value);
  }, []);
  const signOut = useCallback((reason: string | null = null) => {
    tokenStore.clear();
    setNotice(reason);
    setToken(null);
  }, []);
  // The hub refused the token (expired, another secret): back to the sign-in page with its words.
  const onUnauthenticated = useCallback((error: ApiError) => signOut(error.message), [signOut]);

  return (
    <>
      <HatchDefs />
      {token ? (
        <Dashboard token={token} lang={lang} onLang={setLang} onSignOut={() => signOut()} onUnauthenticated={onUnauthenticated} />
      ) : (
        <SignIn lang={lang} onLang={setLang} onSignedIn={signIn} notice={notice} />
      )}
    </>
  );
}
