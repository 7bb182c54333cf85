// Shared between the documents bench page (browser) and bench/documents.ts (Node).

export interface ParseRun {
  /** From parse() called to the parsed document in hand, on the page. */
  ms: number;
  bytes: number;
  pages?: number;
  rows?: number;
  textLength: number;
  /** First 200 characters, to check the run read the right thing. */
  head: string;
  progressEvents: number;
  /** Main-thread tasks over 50 ms seen by the longtask observer during the parse. */
  longTasks: { atMs: number; durationMs: number }[];
  /** How late a 10 ms page timer ran at worst: a view of shorter blocking too. */
  maxTimerDelayMs: number;
}

export interface DocumentsBenchApi {
  ready: boolean;
  /** Fetches the file first (not measured), then parses it through WorkerDocumentParser. */
  run(url: string, fileName: string): Promise<ParseRun>;
}

declare global {
  interface Window {
    documentsBench: DocumentsBenchApi;
  }
}
