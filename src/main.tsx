import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './features/App.tsx';
import { sessionStore } from './app/session.ts';
import { languageStore } from './i18n/i18n.ts';
import './styles.css';

document.documentElement.lang = languageStore.getState().language;
void sessionStore.getState().start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
