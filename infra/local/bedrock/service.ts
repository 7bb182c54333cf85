// The local Bedrock: runtime (InvokeModel, InvokeModelWithResponseStream) and the control-plane
// catalogue, both signed as `bedrock`. Text comes from LOCAL_LLM_URL when set, else the offline engine.
import type { LocalService, ServiceContext } from '../services/types.ts';
import { readBody, sendServiceError } from '../http.ts';
import { MODELS } from './catalog.ts';
import { handleControl } from './control.ts';
import { handleInvoke, type InvokeAction } from './invoke.ts';
import { createOfflineEngine } from './engine/offline.ts';
import { createOpenAiEngine } from './engine/openai.ts';
import type { Engine } from './engine/types.ts';

const INVOKE_ACTIONS = new Set<string>(['invoke', 'invoke-with-response-stream', 'converse', 'converse-stream']);

export function engineFromEnv(env: NodeJS.ProcessEnv): Engine {
  const url = env.LOCAL_LLM_URL?.trim();
  if (url) return createOpenAiEngine({ url, ...(env.LOCAL_LLM_MODEL ? { model: env.LOCAL_LLM_MODEL } : {}) });
  return createOfflineEngine({
    ttftMs: Math.max(0, Number(env.LOCAL_LLM_TTFT_MS ?? 0) || 0),
    tokensPerSecond: Math.max(0, Number(env.LOCAL_LLM_TOKENS_PER_S ?? 0) || 0),
  });
}

export function createBedrockService(ctx: ServiceContext): LocalService {
  const engine = engineFromEnv(ctx.env);
  const region = ctx.state.bedrockRegion;
  return {
    name: 'bedrock',
    async handle(req, res, info) {
      const method = info.method.toUpperCase();
      if (handleControl(res, method, info.url, { region, engineLabel: engine.label })) return;
      // The model id is one percent-encoded path segment: /model/{modelId}/{action}
      const match = /^\/model\/([^/]+)\/([\w-]+)$/.exec(info.url.pathname);
      if (method === 'POST' && match) {
        let modelId: string;
        try {
          modelId = decodeURIComponent(match[1]!);
        } catch {
          await readBody(req);
          return sendServiceError(res, 'bedrock', { code: 'ResourceNotFoundException', message: 'The provided model identifier is invalid.', status: 404 });
        }
        const action = match[2] as InvokeAction;
        if (INVOKE_ACTIONS.has(action)) return handleInvoke(req, res, modelId, action, { engine, faults: ctx.faults, log: ctx.log });
      }
      await readBody(req);
      sendServiceError(res, 'bedrock', {
        code: 'UnknownOperationException',
        message: `The local Bedrock does not implement ${method} ${info.url.pathname} (${info.operation}).`,
        status: 404,
      });
    },
    async health() {
      return { state: 'ready', detail: { engine: engine.label, models: MODELS.length } };
    },
  };
}
