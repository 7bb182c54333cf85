import { useId } from 'react';
import { useStore } from 'zustand';
import { useT } from '../../i18n/useT.ts';
import { useChatApp } from './chatContext.ts';

/** Temperature, top-p, answer length and memory turns; remembered on this browser. */
export function ParamsPanel() {
  const t = useT();
  const { chat, settings } = useChatApp();
  const values = useStore(settings, (s) => s.settings);
  const busy = useStore(chat, (s) => s.streaming !== undefined);
  const update = settings.getState().update;
  const id = useId();
  return (
    <details
      className="params"
      data-testid="params"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !event.currentTarget.open) return;
        event.currentTarget.open = false;
        event.currentTarget.querySelector('summary')?.focus();
      }}
    >
      <summary>{t('chat.settings')}</summary>
      <div className="params-body">
        <label htmlFor={`${id}-temperature`}>
          {t('chat.temperature')} <output>{values.temperature.toFixed(2)}</output>
        </label>
        <input id={`${id}-temperature`} type="range" min={0} max={1} step={0.05} value={values.temperature} onChange={(e) => update({ temperature: Number(e.target.value) })} />

        <label htmlFor={`${id}-topP`}>
          {t('chat.topP')} <output>{values.topP === undefined ? t('chat.topPDefault') : values.topP.toFixed(2)}</output>
        </label>
        <div className="inline-field">
          <input id={`${id}-topP`} type="range" min={0} max={1} step={0.05} disabled={values.topP === undefined} value={values.topP ?? 1} onChange={(e) => update({ topP: Number(e.target.value) })} />
          <label className="check">
            <input type="checkbox" checked={values.topP === undefined} onChange={(e) => update({ topP: e.target.checked ? undefined : 0.9 })} />
            {t('chat.topPDefault')}
          </label>
        </div>

        <label htmlFor={`${id}-maxTokens`}>{t('chat.maxTokens')}</label>
        <input
          id={`${id}-maxTokens`}
          type="number"
          min={1}
          max={200000}
          inputMode="numeric"
          placeholder={t('chat.maxTokensDefault')}
          value={values.maxTokens ?? ''}
          onChange={(e) => update({ maxTokens: e.target.value === '' ? undefined : Number(e.target.value) })}
        />

        <label htmlFor={`${id}-memory`}>{t('chat.memoryTurns')}</label>
        <input id={`${id}-memory`} type="number" min={0} max={50} inputMode="numeric" value={values.memoryTurns} onChange={(e) => update({ memoryTurns: Number(e.target.value) })} />

        <div className="params-actions">
          <button type="button" className="secondary small" onClick={() => settings.getState().reset()}>
            {t('chat.resetSettings')}
          </button>
          {/* On narrow screens the header has no room for this button; here it is always reachable. */}
          <button type="button" className="secondary small narrow-only" disabled={busy} onClick={() => void chat.getState().clearMemory()}>
            {t('chat.clearMemory')}
          </button>
        </div>
      </div>
    </details>
  );
}
