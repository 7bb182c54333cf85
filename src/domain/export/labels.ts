// Words printed into exported files. They live with the exporter (not the UI catalog) because a
// file must read the same years later, whatever the app's catalog says by then.
import type { ErrorCode } from '../errors.ts';
import { MODES, type ModeId } from '../prompts/modes.ts';
import type { Language, MessageRole, MessageStatus } from '../types.ts';

export interface FileLabels {
  documentTitle: string;
  exportedAt: string;
  conversations: (n: number) => string;
  messages: (n: number) => string;
  model: string;
  mode: string;
  created: string;
  updated: string;
  role: Record<MessageRole, string>;
  status: Record<MessageStatus, string>;
  memoryCleared: string;
  tokens: (input: string, output: string) => string;
  ttft: string;
  total: string;
  stoppedByUser: string;
  errorCode: string;
  sources: string;
  summaryOf: (fileName: string) => string;
  page: (n: number) => string;
  empty: string;
  footer: string;
}

export const FILE_LABELS: Readonly<Record<Language, FileLabels>> = {
  ko: {
    documentTitle: '서연 대화 내보내기',
    exportedAt: '내보낸 시각',
    conversations: (n) => `대화 ${n}개`,
    messages: (n) => `메시지 ${n}개`,
    model: '모델',
    mode: '모드',
    created: '만든 시각',
    updated: '마지막 활동',
    role: { user: '사용자', assistant: '서연', marker: '표시' },
    status: { complete: '완료', partial: '미완성', error: '오류' },
    memoryCleared: '여기서부터 대화 기억을 새로 시작했습니다',
    tokens: (input, output) => `토큰 입력 ${input} · 출력 ${output}`,
    ttft: '첫 토큰까지',
    total: '전체',
    stoppedByUser: '사용자가 중지함',
    errorCode: '오류 코드',
    sources: '출처',
    summaryOf: (name) => `문서 요약: ${name}`,
    page: (n) => `${n}쪽`,
    empty: '(내용 없음)',
    footer: '서연(Seoyeon)에서 내보낸 파일입니다. 인터넷 연결 없이 열 수 있습니다.',
  },
  en: {
    documentTitle: 'Seoyeon conversation export',
    exportedAt: 'Exported at',
    conversations: (n) => `${n} conversation${n === 1 ? '' : 's'}`,
    messages: (n) => `${n} message${n === 1 ? '' : 's'}`,
    model: 'Model',
    mode: 'Mode',
    created: 'Created',
    updated: 'Last activity',
    role: { user: 'You', assistant: 'Seoyeon', marker: 'Note' },
    status: { complete: 'Complete', partial: 'Incomplete', error: 'Error' },
    memoryCleared: 'Conversation memory was cleared here',
    tokens: (input, output) => `Tokens in ${input} · out ${output}`,
    ttft: 'First token',
    total: 'Total',
    stoppedByUser: 'stopped by the user',
    errorCode: 'error code',
    sources: 'Sources',
    summaryOf: (name) => `Summary of ${name}`,
    page: (n) => `p. ${n}`,
    empty: '(empty)',
    footer: 'Exported from Seoyeon (서연). Opens without an internet connection.',
  },
};

export function modeLabel(mode: string, language: Language): string {
  return mode in MODES ? MODES[mode as ModeId].label[language] : mode;
}

/** What went wrong with an incomplete answer, in a few words. */
export function problemText(status: MessageStatus, errorCode: ErrorCode | undefined, labels: FileLabels): string | undefined {
  if (status === 'complete') return undefined;
  if (errorCode === 'aborted') return labels.stoppedByUser;
  return errorCode ? `${labels.errorCode}: ${errorCode}` : undefined;
}

export interface FormatOptions {
  language: Language;
  /** IANA zone for printed times; the exporting machine's zone when absent. */
  timeZone?: string;
}

/** A readable local time; the ISO value stays in the file too (HTML `datetime`, JSON). */
export function formatTime(iso: string, { language, timeZone }: FormatOptions): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

export function formatNumber(n: number | undefined, language: Language): string {
  return n === undefined ? '–' : n.toLocaleString(language === 'ko' ? 'ko-KR' : 'en-US');
}

export function formatMs(ms: number, language: Language): string {
  return ms < 1000 ? `${formatNumber(Math.round(ms), language)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
