// DocumentIndex over Kendra BatchPutDocument / BatchDeleteDocument. We send the extracted text
// (PLAIN_TEXT), not the PDF: our parser already handles Korean CID fonts and CP949 files that
// Kendra's own extraction would get wrong. The ACL allows only the uploader's `cognito:username`,
// which the index matches against the id token sent with every search.
import {
  BatchDeleteDocumentCommand,
  BatchGetDocumentStatusCommand,
  BatchPutDocumentCommand,
  type BatchPutDocumentResponseFailedDocument,
} from '@aws-sdk/client-kendra';
import { AppError } from '../domain/errors.ts';
import type { DocumentIndex } from '../domain/ports.ts';
import type { IndexState, Language } from '../domain/types.ts';
import { kendraDocumentId, kendraError, kendraTarget, type KendraClients } from './kendraSearch.ts';

/** Kendra indexes at most 5 MB of text per document. */
const MAX_TEXT_BYTES = 5 * 1024 * 1024;

function failure(failed: BatchPutDocumentResponseFailedDocument[] | undefined): AppError | undefined {
  const first = failed?.[0];
  if (!first) return undefined;
  const code = first.ErrorCode === 'InternalError' ? 'service-unavailable' : 'validation';
  return new AppError(code, { message: `Kendra refused document ${first.Id}: ${first.ErrorMessage ?? first.ErrorCode}` });
}

export class KendraDocumentIndex implements DocumentIndex {
  /** `username` is the signed-in user's `cognito:username`, the ACL principal. */
  constructor(
    private readonly clients: KendraClients,
    private readonly username: string,
  ) {}

  async index(
    document: { documentId: string; title: string; text: string; language: Language; sourceUri: string },
    signal: AbortSignal,
  ): Promise<void> {
    const { client, indexId } = await kendraTarget(this.clients);
    const blob = new TextEncoder().encode(document.text);
    if (blob.byteLength > MAX_TEXT_BYTES) {
      throw new AppError('upload-too-large', { message: `the extracted text is ${blob.byteLength} bytes; Kendra takes 5 MB` });
    }
    let output;
    try {
      output = await client.send(
        new BatchPutDocumentCommand({
          IndexId: indexId,
          Documents: [
            {
              Id: kendraDocumentId(this.clients.identityId, document.documentId),
              Title: document.title,
              Blob: blob,
              ContentType: 'PLAIN_TEXT',
              Attributes: [
                { Key: '_language_code', Value: { StringValue: document.language } },
                { Key: '_source_uri', Value: { StringValue: document.sourceUri } },
              ],
              AccessControlList: [{ Name: this.username, Type: 'USER', Access: 'ALLOW' }],
            },
          ],
        }),
        { abortSignal: signal },
      );
    } catch (e) {
      throw signal.aborted ? new AppError('aborted', { cause: e }) : kendraError(e);
    }
    const refused = failure(output.FailedDocuments);
    if (refused) throw refused;
  }

  async remove(documentId: string): Promise<void> {
    const { client, indexId } = await kendraTarget(this.clients);
    let output;
    try {
      output = await client.send(
        new BatchDeleteDocumentCommand({
          IndexId: indexId,
          DocumentIdList: [kendraDocumentId(this.clients.identityId, documentId)],
        }),
      );
    } catch (e) {
      throw kendraError(e);
    }
    const refused = failure(output.FailedDocuments);
    if (refused) throw refused;
  }

  /**
   * Kendra indexes asynchronously: NOT_FOUND (briefly, right after the put), PROCESSING and
   * UPDATED are still `pending`; INDEXED is done; FAILED and UPDATE_FAILED carry Kendra's reason.
   * An entry in `Errors` means the status could not be read this time: an InternalError is worth
   * asking again (pending), anything else (a bad id) will not change (failed).
   */
  async status(documentId: string): Promise<{ state: IndexState; reason?: string }> {
    const { client, indexId } = await kendraTarget(this.clients);
    const id = kendraDocumentId(this.clients.identityId, documentId);
    let output;
    try {
      output = await client.send(new BatchGetDocumentStatusCommand({ IndexId: indexId, DocumentInfoList: [{ DocumentId: id }] }));
    } catch (e) {
      throw kendraError(e);
    }
    const error = output.Errors?.find((e) => e.DocumentId === id);
    if (error) {
      if (error.ErrorCode === 'InternalError') return { state: 'pending' };
      return { state: 'failed', reason: error.ErrorMessage ?? error.ErrorCode ?? 'unknown' };
    }
    const entry = output.DocumentStatusList?.find((d) => d.DocumentId === id);
    switch (entry?.DocumentStatus) {
      case 'INDEXED':
        return { state: 'indexed' };
      case 'FAILED':
      case 'UPDATE_FAILED':
        return { state: 'failed', reason: entry.FailureReason ?? entry.FailureCode ?? entry.DocumentStatus };
      default:
        return { state: 'pending' };
    }
  }
}
