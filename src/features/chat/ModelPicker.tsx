import { useStore } from 'zustand';
import { useT } from '../../i18n/useT.ts';
import { findModel } from '../../stores/settingsStore.ts';
import { useChatApp } from './chatContext.ts';
import { modelName } from './format.ts';

/** Streaming text models grouped by provider; the choice is saved on the open conversation. */
export function ModelPicker() {
  const t = useT();
  const { chat, settings } = useChatApp();
  const modelId = useStore(chat, (s) => s.modelId);
  const busy = useStore(chat, (s) => s.streaming !== undefined);
  const groups = useStore(settings, (s) => s.models);
  const phase = useStore(settings, (s) => s.modelsPhase);
  const listed = findModel(groups, modelId) !== undefined;
  return (
    <label className="picker">
      <span>{t('chat.model')}</span>
      <select
        data-testid="model-picker"
        value={modelId}
        disabled={busy}
        onChange={(event) => void chat.getState().setModel(event.target.value)}
        onFocus={() => phase === 'error' && void settings.getState().loadModels()}
      >
        {!listed && (
          <option value={modelId}>
            {phase === 'loading' ? t('chat.modelsLoading') : phase === 'error' ? t('chat.modelsFailed') : t('chat.modelUnlisted', { model: modelName(groups, modelId) })}
          </option>
        )}
        {groups.map((group) => (
          <optgroup key={group.provider} label={group.provider}>
            {group.models.map((model) => (
              <option key={model.id} value={model.id}>
                {model.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
