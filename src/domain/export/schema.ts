// The export file's shape. `version` is bumped on any change a v1 reader could misread; parseExport
// reads only versions it knows, so an old app refuses a newer file instead of importing it wrongly.
import type { Conversation, Message } from '../types.ts';

export const EXPORT_FORMAT = 'seoyeon.export';
export const EXPORT_VERSION = 1;

export interface ExportedConversation {
  conversation: Conversation;
  /** Oldest first: the order the conversation was read in. */
  messages: Message[];
}

export interface ExportBundle {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  /** ISO time the file was made. */
  exportedAt: string;
  conversations: ExportedConversation[];
}

export type ExportFileFormat = 'markdown' | 'json' | 'html';

export function createBundle(conversations: ExportedConversation[], exportedAt: Date): ExportBundle {
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: exportedAt.toISOString(), conversations };
}

/** Pretty-printed so a person can read and diff the file; parseExport reads it back losslessly. */
export function toJson(bundle: ExportBundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}
