// Walks a cursor-paged list to its end. Used where every item is needed (export, delete all),
// always through the repository's Query-backed listing, never a table Scan.
import { AppError } from '../errors.ts';
import type { Page, PageRequest } from '../types.ts';

export const HISTORY_PAGE_SIZE = 100;

export interface Progress {
  step: 'export' | 'import' | 'delete-conversations' | 'delete-documents' | 'delete-call-log';
  done: number;
  /** Absent while the total is still being counted. */
  total?: number;
}

export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('aborted');
}

export async function allPages<T>(
  list: (page: PageRequest) => Promise<Page<T>>,
  { pageSize = HISTORY_PAGE_SIZE, signal }: { pageSize?: number; signal?: AbortSignal } = {},
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    checkAborted(signal);
    const page = await list(cursor === undefined ? { limit: pageSize } : { limit: pageSize, cursor });
    items.push(...page.items);
    cursor = page.cursor;
    // A cursor that comes back twice would loop forever; the list is broken, not endless.
    if (cursor !== undefined) {
      if (seen.has(cursor)) throw new AppError('invalid-response', { message: 'a list returned the same page cursor twice' });
      seen.add(cursor);
    }
  } while (cursor !== undefined);
  return items;
}
