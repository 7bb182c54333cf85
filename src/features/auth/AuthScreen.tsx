import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { sessionStore } from '../../app/session.ts';
import { useT } from '../../i18n/useT.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { authErrorKey } from './authErrors.ts';

type Mode = 'sign-in' | 'sign-up' | 'confirm' | 'forgot' | 'reset';

const DEMO = { username: 'demo', password: 'Demo-pass-1' };

export function AuthScreen() {
  const t = useT();
  const local = useStore(sessionStore, (s) => s.config?.local === true);
  const notice = useStore(sessionStore, (s) => s.notice);
  const connectError = useStore(sessionStore, (s) => s.connectError);
  const auth = useStore(sessionStore, (s) => s.auth)!;
  const [mode, setMode] = useState<Mode>('sign-in');
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [info, setInfo] = useState<string>();

  const run = (action: () => Promise<void>) => async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      const { key, message } = authErrorKey(e);
      if (key === 'auth.error.UserNotConfirmedException') setMode('confirm');
      setError(t(key, { message }));
    } finally {
      setBusy(false);
    }
  };
  const go = (next: Mode, message?: string) => {
    setMode(next);
    setError(undefined);
    setInfo(message);
    setCode('');
  };
  const sentTo = (destination?: string) =>
    [destination ? t('auth.codeSent', { destination }) : undefined, local ? t('auth.codeSentLocal') : undefined].filter(Boolean).join(' ');

  const field = (id: string, label: MessageKey, value: string, set: (v: string) => void, type = 'text', autoComplete?: string) => (
    <label className="field" htmlFor={id}>
      <span>{t(label)}</span>
      <input id={id} name={id} type={type} value={value} autoComplete={autoComplete} required onChange={(e) => set(e.target.value)} />
    </label>
  );

  const titles: Record<Mode, MessageKey> = {
    'sign-in': 'auth.signIn',
    'sign-up': 'auth.signUp',
    confirm: 'auth.confirm',
    forgot: 'auth.forgot',
    reset: 'auth.resetPassword',
  };

  return (
    <main className="center-screen">
      <section className="card auth-card" aria-labelledby="auth-title">
        <h1 id="auth-title">{t(titles[mode])}</h1>
        <p className="muted">{t('app.tagline')}</p>
        {notice === 'session-expired' && mode === 'sign-in' && <p className="notice">{t('auth.sessionExpired')}</p>}
        {info && <p className="notice" role="status">{info}</p>}
        {mode === 'sign-in' && (
          <form onSubmit={run(() => sessionStore.getState().signIn(username, password))}>
            {field('username', 'auth.username', username, setUsername, 'text', 'username')}
            {field('password', 'auth.password', password, setPassword, 'password', 'current-password')}
            <button type="submit" disabled={busy}>{busy ? t('auth.signingIn') : t('auth.signIn')}</button>
            {local && (
              <p className="hint">
                <button type="button" className="link-button" onClick={() => { setUsername(DEMO.username); setPassword(DEMO.password); }}>
                  {t('auth.demoHint', DEMO)}
                </button>
              </p>
            )}
            <p className="switch-line">
              <button type="button" className="link-button" onClick={() => go('forgot')}>{t('auth.forgot')}</button>
              {' · '}
              {t('auth.noAccount')}{' '}
              <button type="button" className="link-button" onClick={() => go('sign-up')}>{t('auth.signUp')}</button>
            </p>
          </form>
        )}
        {mode === 'sign-up' && (
          <form
            onSubmit={run(async () => {
              const result = await auth.signUp(username, email, password);
              if (result.confirmed) go('sign-in', t('auth.confirmed'));
              else go('confirm', sentTo(result.destination));
            })}
          >
            {field('username', 'auth.username', username, setUsername, 'text', 'username')}
            {field('email', 'auth.email', email, setEmail, 'email', 'email')}
            {field('password', 'auth.password', password, setPassword, 'password', 'new-password')}
            <p className="hint">{t('auth.passwordRule')}</p>
            <button type="submit" disabled={busy}>{busy ? t('auth.working') : t('auth.signUp')}</button>
            <p className="switch-line">
              {t('auth.haveAccount')}{' '}
              <button type="button" className="link-button" onClick={() => go('sign-in')}>{t('auth.signIn')}</button>
            </p>
          </form>
        )}
        {mode === 'confirm' && (
          <form onSubmit={run(async () => { await auth.confirmSignUp(username, code); go('sign-in', t('auth.confirmed')); })}>
            {field('username', 'auth.username', username, setUsername, 'text', 'username')}
            {field('code', 'auth.code', code, setCode, 'text', 'one-time-code')}
            <button type="submit" disabled={busy}>{busy ? t('auth.working') : t('auth.confirm')}</button>
            <p className="switch-line">
              <button type="button" className="link-button" onClick={() => void auth.resendCode(username).then(() => setInfo(sentTo()), (e: unknown) => setError(t(authErrorKey(e).key, { message: authErrorKey(e).message })))}>
                {t('auth.resendCode')}
              </button>
              {' · '}
              <button type="button" className="link-button" onClick={() => go('sign-in')}>{t('auth.backToSignIn')}</button>
            </p>
          </form>
        )}
        {mode === 'forgot' && (
          <form onSubmit={run(async () => { const r = await auth.forgotPassword(username); go('reset', sentTo(r.destination)); })}>
            {field('username', 'auth.username', username, setUsername, 'text', 'username')}
            <button type="submit" disabled={busy}>{busy ? t('auth.working') : t('auth.sendResetCode')}</button>
            <p className="switch-line">
              <button type="button" className="link-button" onClick={() => go('sign-in')}>{t('auth.backToSignIn')}</button>
            </p>
          </form>
        )}
        {mode === 'reset' && (
          <form onSubmit={run(async () => { await auth.confirmForgotPassword(username, code, password); setPassword(''); go('sign-in', t('auth.passwordChanged')); })}>
            {field('code', 'auth.code', code, setCode, 'text', 'one-time-code')}
            {field('password', 'auth.newPassword', password, setPassword, 'password', 'new-password')}
            <p className="hint">{t('auth.passwordRule')}</p>
            <button type="submit" disabled={busy}>{busy ? t('auth.working') : t('auth.resetPassword')}</button>
            <p className="switch-line">
              <button type="button" className="link-button" onClick={() => go('sign-in')}>{t('auth.backToSignIn')}</button>
            </p>
          </form>
        )}
        {(error ?? connectError) && (
          <p className="error-text" role="alert">
            {error ?? t('auth.error.unknown', { message: `${connectError!.code}: ${connectError!.message}` })}
          </p>
        )}
      </section>
    </main>
  );
}
