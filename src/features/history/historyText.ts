// The history panel's words, kept here until the lead folds them into src/i18n (see README.md).
import type { ErrorCode } from '../../domain/errors.ts';
import type { Progress } from '../../domain/export/paging.ts';
import type { ImportErrorReason } from '../../domain/export/parseExport.ts';
import type { ExportFileFormat } from '../../domain/export/schema.ts';
import type { HistoryFailure, HistoryResult } from '../../stores/historyStore.ts';

export interface HistoryText {
  title: string;
  intro: string;
  exportHeading: string;
  formatLegend: string;
  formats: Record<ExportFileFormat, { label: string; hint: string }>;
  exportCurrent: string;
  exportCurrentNone: string;
  exportAll: string;
  importHeading: string;
  importHint: string;
  importChoose: string;
  deleteHeading: string;
  deleteHint: string;
  deleteOpen: string;
  dialogTitle: string;
  dialogBody: string;
  /** The word the user types to confirm. */
  confirmWord: string;
  confirmLabel: (word: string) => string;
  confirmDelete: string;
  cancel: string;
  stop: string;
  dismiss: string;
  working: Record<Progress['step'], (done: number, total?: number) => string>;
  result: (result: HistoryResult) => string;
  failure: (failure: HistoryFailure) => string;
}

const count = (done: number, total?: number) => (total === undefined ? `${done}` : `${done}/${total}`);

const KO_REASONS: Record<ImportErrorReason, string> = {
  'import-too-large': '파일이 너무 큽니다. 서연에서 내보낸 JSON 파일인지 확인하세요.',
  'import-not-json': 'JSON 파일이 아니거나 파일이 손상되었습니다.',
  'import-wrong-format': '서연에서 내보낸 파일이 아닙니다.',
  'import-unsupported-version': '이 앱보다 새 버전에서 내보낸 파일입니다. 앱을 업데이트한 뒤 다시 시도하세요.',
  'import-invalid': '파일 내용이 올바르지 않아 가져오지 않았습니다.',
};

const EN_REASONS: Record<ImportErrorReason, string> = {
  'import-too-large': 'The file is too large. Check that it is a JSON file exported from Seoyeon.',
  'import-not-json': 'The file is not JSON, or it is damaged.',
  'import-wrong-format': 'This is not a file exported from Seoyeon.',
  'import-unsupported-version': 'The file comes from a newer version of the app. Update the app and try again.',
  'import-invalid': 'The file’s contents are not valid, so nothing was imported.',
};

const KO_CODES: Partial<Record<ErrorCode, string>> = {
  aborted: '취소했습니다. 이미 처리된 항목은 그대로 남아 있습니다.',
  'session-expired': '로그인이 만료되었습니다. 다시 로그인해 주세요.',
  offline: '네트워크에 연결되어 있지 않습니다.',
  throttled: '요청이 많아 잠시 막혔습니다. 잠시 후 다시 시도하세요.',
  'not-found': '대화를 찾을 수 없습니다. 이미 삭제되었을 수 있습니다.',
  'access-denied': '권한이 없습니다.',
};

const EN_CODES: Partial<Record<ErrorCode, string>> = {
  aborted: 'Cancelled. Whatever was already done stays done.',
  'session-expired': 'Your session has expired. Please sign in again.',
  offline: 'You are offline.',
  throttled: 'Too many requests right now. Try again in a moment.',
  'not-found': 'The conversation was not found. It may have been deleted.',
  'access-denied': 'Access was denied.',
};

export const HISTORY_TEXT: Readonly<Record<'ko' | 'en', HistoryText>> = {
  ko: {
    title: '대화 기록',
    intro: '대화를 파일로 내보내거나, 내보낸 파일을 다시 가져오거나, 모든 기록을 지울 수 있습니다.',
    exportHeading: '내보내기',
    formatLegend: '파일 형식',
    formats: {
      markdown: { label: 'Markdown', hint: '문서 편집기나 메모 앱에 붙여 넣기 좋습니다.' },
      json: { label: 'JSON', hint: '서연으로 다시 가져올 수 있는 백업 파일입니다.' },
      html: { label: 'HTML', hint: '앱 없이 브라우저에서 열어 읽을 수 있는 파일 하나입니다.' },
    },
    exportCurrent: '지금 대화 내보내기',
    exportCurrentNone: '열려 있는 대화가 없습니다.',
    exportAll: '모든 대화 내보내기',
    importHeading: '가져오기',
    importHint: '서연에서 내보낸 JSON 파일의 대화를 새 대화로 추가합니다. 기존 대화는 바뀌지 않습니다.',
    importChoose: 'JSON 파일 선택',
    deleteHeading: '모든 기록 삭제',
    deleteHint: '모든 대화와 메시지, 올린 문서, 호출 기록을 지웁니다. 되돌릴 수 없습니다.',
    deleteOpen: '모든 기록 삭제…',
    dialogTitle: '모든 기록을 삭제할까요?',
    dialogBody: '대화, 메시지, 올린 문서와 호출 기록이 모두 영구히 삭제됩니다. 필요하면 먼저 JSON으로 내보내 두세요.',
    confirmWord: '삭제',
    confirmLabel: (word) => `계속하려면 “${word}”를 입력하세요`,
    confirmDelete: '영구 삭제',
    cancel: '취소',
    stop: '중지',
    dismiss: '닫기',
    working: {
      export: (d, t) => `내보내는 중… (${count(d, t)})`,
      import: (d, t) => `가져오는 중… (${count(d, t)})`,
      'delete-conversations': (d, t) => `대화를 삭제하는 중… (${count(d, t)})`,
      'delete-documents': (d, t) => `문서를 삭제하는 중… (${count(d, t)})`,
      'delete-call-log': (d, t) => `호출 기록을 삭제하는 중… (${count(d, t)})`,
    },
    result: (r) => {
      switch (r.kind) {
        case 'exported':
          return `대화 ${r.conversations}개(메시지 ${r.messages}개)를 ${r.fileName} 파일로 저장했습니다.`;
        case 'nothing-to-export':
          return '내보낼 대화가 없습니다.';
        case 'imported':
          return `${r.fileName}에서 대화 ${r.conversationIds.length}개(메시지 ${r.messages}개)를 새로 가져왔습니다.`;
        case 'deleted':
          return `대화 ${r.conversations}개, 문서 ${r.documents}개, 호출 기록 ${r.callLogEntries}개를 삭제했습니다.`;
      }
    },
    failure: (f) => {
      const what = { export: '내보내지 못했습니다', import: '가져오지 못했습니다', delete: '삭제를 마치지 못했습니다' }[f.task];
      const why = f.reason ? KO_REASONS[f.reason] : (KO_CODES[f.code] ?? `오류 코드: ${f.code}`);
      return `${what}. ${why}`;
    },
  },
  en: {
    title: 'Conversation history',
    intro: 'Export conversations to a file, import an exported file again, or delete all of your history.',
    exportHeading: 'Export',
    formatLegend: 'File format',
    formats: {
      markdown: { label: 'Markdown', hint: 'Good for pasting into a document or a notes app.' },
      json: { label: 'JSON', hint: 'A backup that Seoyeon can import again.' },
      html: { label: 'HTML', hint: 'One file you can open and read in any browser, without the app.' },
    },
    exportCurrent: 'Export this conversation',
    exportCurrentNone: 'No conversation is open.',
    exportAll: 'Export all conversations',
    importHeading: 'Import',
    importHint: 'Adds the conversations in a JSON file exported from Seoyeon as new conversations. Existing ones are not changed.',
    importChoose: 'Choose a JSON file',
    deleteHeading: 'Delete all history',
    deleteHint: 'Deletes every conversation and message, your uploaded documents and the call log. This cannot be undone.',
    deleteOpen: 'Delete all history…',
    dialogTitle: 'Delete all history?',
    dialogBody: 'Conversations, messages, uploaded documents and the call log will be deleted for good. Export them as JSON first if you may need them.',
    confirmWord: 'DELETE',
    confirmLabel: (word) => `Type “${word}” to continue`,
    confirmDelete: 'Delete for good',
    cancel: 'Cancel',
    stop: 'Stop',
    dismiss: 'Dismiss',
    working: {
      export: (d, t) => `Exporting… (${count(d, t)})`,
      import: (d, t) => `Importing… (${count(d, t)})`,
      'delete-conversations': (d, t) => `Deleting conversations… (${count(d, t)})`,
      'delete-documents': (d, t) => `Deleting documents… (${count(d, t)})`,
      'delete-call-log': (d, t) => `Deleting the call log… (${count(d, t)})`,
    },
    result: (r) => {
      switch (r.kind) {
        case 'exported':
          return `Saved ${r.conversations} conversation(s) with ${r.messages} message(s) as ${r.fileName}.`;
        case 'nothing-to-export':
          return 'There are no conversations to export.';
        case 'imported':
          return `Imported ${r.conversationIds.length} conversation(s) with ${r.messages} message(s) from ${r.fileName} as new conversations.`;
        case 'deleted':
          return `Deleted ${r.conversations} conversation(s), ${r.documents} document(s) and ${r.callLogEntries} call-log item(s).`;
      }
    },
    failure: (f) => {
      const what = { export: 'Export failed', import: 'Import failed', delete: 'Deleting did not finish' }[f.task];
      const why = f.reason ? EN_REASONS[f.reason] : (EN_CODES[f.code] ?? `Error code: ${f.code}`);
      return `${what}. ${why}`;
    },
  },
};
