// Bedrock control plane: ListFoundationModels, GetFoundationModel, ListInferenceProfiles and
// GetInferenceProfile over the local catalogue.
import type { ServerResponse } from 'node:http';
import { sendJson, sendServiceError } from '../http.ts';
import { filterModels, findModel, inferenceProfiles, modelSummary } from './catalog.ts';

export const LOCAL_ACCOUNT = '000000000000';

export interface ControlContext {
  region: string;
  engineLabel: string;
}

/** Answers a control-plane GET; false when the path is not one of them. */
export function handleControl(res: ServerResponse, method: string, url: URL, ctx: ControlContext): boolean {
  const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (method !== 'GET' || segments.length === 0 || segments.length > 2) return false;
  const [collection, id] = segments;
  if (collection === 'foundation-models') {
    if (id === undefined) {
      const q = url.searchParams;
      const models = filterModels({
        byProvider: q.get('byProvider'),
        byOutputModality: q.get('byOutputModality'),
        byInferenceType: q.get('byInferenceType'),
        byCustomizationType: q.get('byCustomizationType'),
      });
      sendJson(res, 200, { modelSummaries: models.map((m) => modelSummary(m, ctx.region, ctx.engineLabel)) });
      return true;
    }
    const bare = id.replace(/^arn:aws:bedrock:[\w-]*::foundation-model\//, '');
    const model = findModel(bare);
    if (!model) {
      sendServiceError(res, 'bedrock', { code: 'ResourceNotFoundException', message: 'The specified model identifier is not valid.', status: 404 });
    } else {
      sendJson(res, 200, { modelDetails: modelSummary(model, ctx.region, ctx.engineLabel) });
    }
    return true;
  }
  if (collection === 'inference-profiles') {
    const all = inferenceProfiles(ctx.region, LOCAL_ACCOUNT);
    if (id === undefined) {
      const type = url.searchParams.get('type');
      const matching = type === 'APPLICATION' ? [] : all;
      const start = Number(url.searchParams.get('nextToken') ?? 0) || 0;
      const max = Math.min(1000, Number(url.searchParams.get('maxResults') ?? 1000) || 1000);
      const page = matching.slice(start, start + max);
      sendJson(res, 200, {
        inferenceProfileSummaries: page,
        ...(start + max < matching.length ? { nextToken: String(start + max) } : {}),
      });
      return true;
    }
    const profile = all.find((p) => p.inferenceProfileId === id || p.inferenceProfileArn === id);
    if (!profile) {
      sendServiceError(res, 'bedrock', { code: 'ResourceNotFoundException', message: 'Inference profile not found.', status: 404 });
    } else {
      sendJson(res, 200, profile);
    }
    return true;
  }
  return false;
}
