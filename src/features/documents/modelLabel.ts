// How a model id is shown under a summary ("Claude 3.5 Haiku" rather than its invocation id). The
// mount passes a lookup into the model catalogue; without one the id itself is shown.
import { createContext, useContext } from 'react';

export type ModelLabel = (modelId: string) => string;

export const ModelLabelContext = createContext<ModelLabel>((modelId) => modelId);

export const useModelLabel = (): ModelLabel => useContext(ModelLabelContext);
