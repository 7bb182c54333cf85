import { useStore } from 'zustand';
import { MODE_IDS, MODES } from '../../domain/prompts/modes.ts';
import { languageStore } from '../../i18n/i18n.ts';
import { useT } from '../../i18n/useT.ts';
import { useChatApp } from './chatContext.ts';

/** The system-prompt preset of the open conversation. */
export function ModePicker() {
  const t = useT();
  const { chat } = useChatApp();
  const mode = useStore(chat, (s) => s.mode);
  const busy = useStore(chat, (s) => s.streaming !== undefined);
  const language = useStore(languageStore, (s) => s.language);
  return (
    <label className="picker">
      <span>{t('chat.mode')}</span>
      <select data-testid="mode-picker" value={mode} disabled={busy} onChange={(event) => void chat.getState().setMode(event.target.value)}>
        {MODE_IDS.map((id) => (
          <option key={id} value={id}>
            {MODES[id].label[language]}
          </option>
        ))}
      </select>
    </label>
  );
}
