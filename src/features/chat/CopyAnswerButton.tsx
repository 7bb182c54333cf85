import { useEffect, useState } from 'react';
import { useT } from '../../i18n/useT.ts';
import { CheckIcon, CopyIcon } from './icons.tsx';

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies a whole answer as the markdown the model wrote, and says so for a moment. */
export function CopyAnswerButton({ text }: { text: string }) {
  const t = useT();
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };

  return (
    <>
      <button type="button" className="icon-button copy-answer" data-testid="copy-answer" aria-label={t('chat.copyAnswer')} title={t('chat.copyAnswer')} onClick={copy}>
        {state === 'copied' ? <CheckIcon /> : <CopyIcon />}
      </button>
      <span className="copy-feedback" role="status" data-testid="copy-feedback">
        {state === 'copied' ? t('chat.copied') : state === 'failed' ? t('chat.copyFailed') : ''}
      </span>
    </>
  );
}
