// Shared bits of the Kendra adapters: the document id scheme and the error mapping. A deployment
// without an index (Kendra is closed to new customers) must degrade to plain chat, so "no index"
// is the domain's `kendra-unavailable`, never a raw Error.
import type { KendraClient } from '@aws-sdk/client-kendra';
import { AppError, toAppError } from '../domain/errors.ts';
import type { AwsClients } from './clients.ts';

export type KendraClients = Pick<AwsClients, 'kendra' | 'config' | 'identityId'>;

/** `<identityId>/<docId>`: unique across users in the one shared index. */
export function kendraDocumentId(identityId: string, documentId: string): string {
  return `${identityId}/${documentId}`;
}

/** Our document id back from a Kendra id; undefined for documents that are not this user's. */
export function ownDocumentId(identityId: string, kendraId: string | undefined): string | undefined {
  const prefix = `${identityId}/`;
  return kendraId?.startsWith(prefix) ? kendraId.slice(prefix.length) : undefined;
}

export async function kendraTarget(clients: KendraClients): Promise<{ client: KendraClient; indexId: string }> {
  const indexId = clients.config.kendra?.indexId;
  if (!indexId) throw new AppError('kendra-unavailable', { message: 'this deployment has no Kendra index' });
  try {
    return { client: await clients.kendra(), indexId };
  } catch (e) {
    throw new AppError('kendra-unavailable', { message: 'the Kendra client could not be created', cause: e });
  }
}

export function kendraError(e: unknown): AppError {
  return toAppError(e, 'index');
}
