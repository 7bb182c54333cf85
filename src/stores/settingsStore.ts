// Model catalogue for the picker and the sampling settings (temperature, top-p, answer length,
// memory turns). Settings are remembered in storage; the chosen model lives on each conversation.
import { createStore } from 'zustand/vanilla';
import { toAppError, type ErrorCode } from '../domain/errors.ts';
import { geoPrefixForRegion, pickerModels, type ModelOption, type ProviderGroup } from '../domain/models/catalog.ts';
import { isSupportedModelId, modelLimits } from '../domain/models/registry.ts';
import { DEFAULT_MEMORY_TURNS } from '../domain/memory.ts';
import type { ModelCatalog } from '../domain/ports.ts';
import type { InferenceParams } from '../domain/types.ts';
import { memoryStorage, type KeyValueStorage } from './chatDrafts.ts';

export interface ChatSettings {
  temperature: number;
  /** Undefined leaves top-p out of the request (some models reject it beside temperature). */
  topP?: number;
  /** Undefined asks for the model's default length. */
  maxTokens?: number;
  memoryTurns: number;
  /** Lists the cited documents under answers from documents (the toggle under each list). */
  showSources: boolean;
}

export const DEFAULT_SETTINGS: ChatSettings = { temperature: 0.5, memoryTurns: DEFAULT_MEMORY_TURNS, showSources: true };

export type ModelsPhase = 'idle' | 'loading' | 'ready' | 'error';

export interface SettingsState {
  settings: ChatSettings;
  modelsPhase: ModelsPhase;
  models: ProviderGroup[];
  modelsError?: ErrorCode;
  /** What a new conversation uses: the runtime config's default model. */
  defaultModelId: string;
  loadModels(): Promise<void>;
  update(change: Partial<ChatSettings>): void;
  reset(): void;
}

export interface SettingsDeps {
  catalog: ModelCatalog;
  storage: KeyValueStorage;
  bedrockRegion: string;
  defaultModelId: string;
  /** From the runtime config; empty or absent means every supported model. */
  allowedModelIds?: string[];
}

const STORAGE_KEY = 'seoyeon.chatSettings';

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Keeps stored or typed values inside what every family accepts. */
export function normalizeSettings(input: Partial<ChatSettings>): ChatSettings {
  const out: ChatSettings = {
    temperature: clamp(Number.isFinite(input.temperature) ? Number(input.temperature) : DEFAULT_SETTINGS.temperature, 0, 1),
    memoryTurns: clamp(Math.round(Number.isFinite(input.memoryTurns) ? Number(input.memoryTurns) : DEFAULT_MEMORY_TURNS), 0, 50),
    showSources: input.showSources !== false,
  };
  if (input.topP !== undefined && Number.isFinite(input.topP)) out.topP = clamp(input.topP, 0, 1);
  if (input.maxTokens !== undefined && Number.isFinite(input.maxTokens) && input.maxTokens > 0) {
    out.maxTokens = Math.round(input.maxTokens);
  }
  return out;
}

function readSettings(storage: KeyValueStorage): ChatSettings {
  try {
    const raw = storage.getItem(STORAGE_KEY);
    return raw ? normalizeSettings(JSON.parse(raw) as Partial<ChatSettings>) : DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

/** The request parameters for a model: the user's settings, the length capped by the model. */
export function inferenceParams(settings: ChatSettings, modelId: string): InferenceParams {
  const limits = modelLimits(modelId);
  const maxTokens = Math.min(settings.maxTokens ?? limits.defaultMaxTokens, limits.maxOutputTokens);
  return { temperature: settings.temperature, maxTokens, ...(settings.topP === undefined ? {} : { topP: settings.topP }) };
}

/** Every option across providers, in picker order. */
export function allModels(groups: readonly ProviderGroup[]): ModelOption[] {
  return groups.flatMap((group) => group.models);
}

/** The option for an invocation id, or undefined when the catalogue has not got it. */
export function findModel(groups: readonly ProviderGroup[], id: string): ModelOption | undefined {
  return allModels(groups).find((model) => model.id === id || model.modelId === id);
}

export function createSettingsStore(deps: SettingsDeps) {
  const geo = geoPrefixForRegion(deps.bedrockRegion) ?? 'us';
  const allowed = new Set(deps.allowedModelIds ?? []);
  return createStore<SettingsState>()((set, get) => ({
    settings: readSettings(deps.storage),
    modelsPhase: 'idle',
    models: [],
    defaultModelId: deps.defaultModelId,
    async loadModels() {
      if (get().modelsPhase === 'loading') return;
      set({ modelsPhase: 'loading', modelsError: undefined });
      try {
        const summaries = await deps.catalog.listModels();
        const groups = pickerModels(summaries, geo)
          .map((group) => ({
            ...group,
            models: allowed.size === 0 ? group.models : group.models.filter((m) => allowed.has(m.id) || allowed.has(m.modelId)),
          }))
          .filter((group) => group.models.length > 0);
        set({ modelsPhase: 'ready', models: groups });
      } catch (e) {
        set({ modelsPhase: 'error', modelsError: toAppError(e, 'model').code });
      }
    },
    update(change) {
      const settings = normalizeSettings({ ...get().settings, ...change });
      set({ settings });
      try {
        deps.storage.setItem(STORAGE_KEY, JSON.stringify(settings));
      } catch {
        // Not remembered across reloads, still used now.
        return;
      }
    },
    reset() {
      set({ settings: DEFAULT_SETTINGS });
      deps.storage.removeItem(STORAGE_KEY);
    },
  }));
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;

/** A model id the app can talk to at all (the picker may not have loaded yet). */
export const canUseModel = (id: string) => isSupportedModelId(id);

// ---- look: light, dark or the system's choice ----------------------------------------------------

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
const THEME_KEY = 'seoyeon.theme';

export interface ThemeState {
  choice: ThemeChoice;
  setChoice(choice: ThemeChoice): void;
}

export function readThemeChoice(storage: Pick<KeyValueStorage, 'getItem'>): ThemeChoice {
  try {
    const stored = storage.getItem(THEME_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

/** The theme the screen shows: an explicit choice, else what the system prefers. */
export const resolveTheme = (choice: ThemeChoice, systemPrefersDark: boolean): 'light' | 'dark' =>
  choice === 'system' ? (systemPrefersDark ? 'dark' : 'light') : choice;

/** The next choice of the top bar's theme button (system → light → dark → system). */
export const nextThemeChoice = (choice: ThemeChoice): ThemeChoice => THEME_CHOICES[(THEME_CHOICES.indexOf(choice) + 1) % THEME_CHOICES.length]!;

/** Remembered on this browser before sign-in too, so it is not part of the per-session stores. */
export function createThemeStore(storage: KeyValueStorage) {
  return createStore<ThemeState>()((set) => ({
    choice: readThemeChoice(storage),
    setChoice(choice) {
      try {
        if (choice === 'system') storage.removeItem(THEME_KEY);
        else storage.setItem(THEME_KEY, choice);
      } catch {
        // Not remembered, still applied now.
      }
      set({ choice });
    },
  }));
}

export type ThemeStore = ReturnType<typeof createThemeStore>;

function localStorageOrMemory(): KeyValueStorage {
  try {
    return window.localStorage;
  } catch {
    return memoryStorage();
  }
}

/** The browser's theme choice (the sign-in screen needs it, so it lives outside the chat app). */
export const themeStore = createThemeStore(typeof window === 'undefined' ? memoryStorage() : localStorageOrMemory());
