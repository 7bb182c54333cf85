// Retriever over Kendra. Retrieve gives longer passages (better for answering); where it is not
// available (an index or region without it, or a passing Retrieve outage) we ask Query for its
// excerpts instead. Both filter on `_language_code` and carry the user's Cognito id token as
// `UserContext.Token`, so the index's token ACLs show each user only their own documents.
import {
  QueryCommand,
  RetrieveCommand,
  type AttributeFilter,
  type DocumentAttribute,
  type QueryResultItem,
  type RetrieveResultItem,
} from '@aws-sdk/client-kendra';
import type { Retriever, RetrieveQuery } from '../domain/ports.ts';
import type { Passage } from '../domain/types.ts';
import { kendraError, kendraTarget, ownDocumentId, type KendraClients } from './kendraSearch.ts';

const DEFAULT_LIMIT = 5;

function attribute(attributes: DocumentAttribute[] | undefined, key: string): DocumentAttribute['Value'] | undefined {
  return attributes?.find((a) => a.Key === key)?.Value;
}

function passage(
  identityId: string,
  fields: { id?: string; title?: string; text?: string; uri?: string; attributes?: DocumentAttribute[]; confidence?: string },
): Passage | undefined {
  const documentId = ownDocumentId(identityId, fields.id);
  if (!documentId || !fields.text) return undefined;
  const result: Passage = { documentId, title: fields.title ?? documentId, text: fields.text };
  const uri = fields.uri ?? attribute(fields.attributes, '_source_uri')?.StringValue;
  if (uri) result.uri = uri;
  const page = attribute(fields.attributes, '_excerpt_page_number')?.LongValue;
  if (page !== undefined) result.page = page;
  if (fields.confidence) result.confidence = fields.confidence;
  return result;
}

/** Query can return the same excerpt twice (as an ANSWER and as a DOCUMENT item); cite it once. */
function distinct(passages: Passage[]): Passage[] {
  const seen = new Set<string>();
  return passages.filter((p) => {
    const key = `${p.documentId}\u0000${p.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Errors after which Query is worth a try: Retrieve is missing here, or failing right now. */
function retrieveUnavailable(e: unknown): boolean {
  const error = kendraError(e);
  if (error.code === 'service-unavailable') return true;
  const name = (e as { name?: unknown }).name;
  return name === 'UnknownOperationException' || (error.code === 'validation' && /retrieve/i.test(error.message));
}

export class KendraRetriever implements Retriever {
  /** `idToken` returns the signed-in user's current Cognito id token (refreshed by the caller). */
  constructor(
    private readonly clients: KendraClients,
    private readonly idToken: () => Promise<string>,
  ) {}

  async retrieve(query: RetrieveQuery, signal: AbortSignal): Promise<Passage[]> {
    const { client, indexId } = await kendraTarget(this.clients);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const filter: AttributeFilter | undefined = query.language
      ? { EqualsTo: { Key: '_language_code', Value: { StringValue: query.language } } }
      : undefined;
    const common = {
      IndexId: indexId,
      QueryText: query.text,
      PageSize: limit,
      UserContext: { Token: await this.idToken() },
      ...(filter ? { AttributeFilter: filter } : {}),
    };
    try {
      const output = await client.send(new RetrieveCommand(common), { abortSignal: signal });
      return distinct(this.fromRetrieve(output.ResultItems ?? [])).slice(0, limit);
    } catch (e) {
      if (signal.aborted || !retrieveUnavailable(e)) throw kendraError(e);
    }
    try {
      const output = await client.send(new QueryCommand(common), { abortSignal: signal });
      return distinct(this.fromQuery(output.ResultItems ?? [])).slice(0, limit);
    } catch (e) {
      throw kendraError(e);
    }
  }

  private fromRetrieve(items: RetrieveResultItem[]): Passage[] {
    return items.flatMap(
      (item) =>
        passage(this.clients.identityId, {
          id: item.DocumentId,
          title: item.DocumentTitle,
          text: item.Content,
          uri: item.DocumentURI,
          attributes: item.DocumentAttributes,
          confidence: item.ScoreAttributes?.ScoreConfidence,
        }) ?? [],
    );
  }

  private fromQuery(items: QueryResultItem[]): Passage[] {
    return items.flatMap(
      (item) =>
        passage(this.clients.identityId, {
          id: item.DocumentId,
          title: item.DocumentTitle?.Text,
          text: item.DocumentExcerpt?.Text,
          uri: item.DocumentURI,
          attributes: item.DocumentAttributes,
          confidence: item.ScoreAttributes?.ScoreConfidence,
        }) ?? [],
    );
  }
}
