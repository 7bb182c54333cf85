// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AppError } from '../../../src/domain/errors.ts';
import { DocumentDropZone } from '../../../src/features/documents/DocumentDropZone.tsx';
import { DocumentsPanel } from '../../../src/features/documents/DocumentsPanel.tsx';
import { languageStore } from '../../../src/i18n/i18n.ts';
import { createDocumentsStore } from '../../../src/stores/documentsStore.ts';
import { FakeModel, fakeClock } from '../stores/fakes.ts';
import { barrier, FakeIndex, FakeParser, FakeUseCases, MemoryDocumentRepository, MemoryDocumentStore, record, streamedSummary } from '../stores/documentsFakes.ts';

function setup(options: { index?: boolean } = {}) {
  const parser = new FakeParser();
  const files = new MemoryDocumentStore();
  const repository = new MemoryDocumentRepository();
  const useCases = new FakeUseCases();
  const clock = fakeClock();
  const store = createDocumentsStore({
    ports: { parser, store: files, repository, ...(options.index ? { index: new FakeIndex() } : {}), model: new FakeModel([]), clock, newId: clock.newId },
    useCases,
    maxUploadBytes: 50 * 1024 * 1024,
    summaryModel: () => ({ modelId: 'amazon.nova-lite-v1:0' }),
  });
  return { store, parser, files, repository, useCases };
}

const chooseFiles = (...files: File[]) => {
  const input = screen.getByTestId('document-file-input') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  fireEvent.change(input);
};

beforeEach(() => languageStore.getState().setLanguage('en'));
afterEach(cleanup);

describe('documents panel', () => {
  it('explains that questions need a Kendra index when there is none, and why', async () => {
    const { store } = setup();
    render(<DocumentsPanel store={store} />);
    const note = screen.getByTestId('no-index-note');
    expect(note.textContent).toContain('Amazon Kendra');
    expect(note.textContent).toContain('closed to new AWS customers');
    expect(note.textContent).toContain('Upload, the extracted text and summaries work without it');
    await waitFor(() => expect(screen.getByText('No documents yet. Attach a file to start.')).toBeTruthy());
  });

  it('has no such note when an index is configured', () => {
    const { store } = setup({ index: true });
    render(<DocumentsPanel store={store} />);
    expect(screen.queryByTestId('no-index-note')).toBeNull();
  });

  it('shows an upload with a progress bar and a Cancel that takes it away', async () => {
    const { store, files } = setup();
    const uploading = barrier();
    files.gate = uploading.wait;
    render(<DocumentsPanel store={store} />);
    chooseFiles(new File(['가'.repeat(400)], '보고서.txt', { type: 'text/plain' }));

    const bar = await screen.findByRole('progressbar', { name: 'Progress of 보고서.txt' });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('50'));
    expect(bar.getAttribute('aria-valuetext')).toMatch(/^Uploading: 600 B of 1.2 KB$/);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel uploading 보고서.txt' }));
    uploading.release();
    await waitFor(() => expect(screen.queryByTestId('upload-card')).toBeNull());
    expect(screen.getByText('Stopped uploading 보고서.txt; nothing was kept.')).toBeTruthy();
    expect(store.getState().documents).toEqual([]);
  });

  it('asks for the password of an encrypted PDF and opens it with the one typed', async () => {
    const { store, parser } = setup();
    parser.passwords.set('잠김.pdf', 'sesame');
    render(<DocumentsPanel store={store} />);
    chooseFiles(new File(['본문'], '잠김.pdf', { type: 'application/pdf' }));

    const field = await screen.findByLabelText('Password for 잠김.pdf');
    expect(screen.getByRole('alert').textContent).toContain('password-protected');
    fireEvent.change(field, { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('does not open the PDF'));

    fireEvent.change(screen.getByLabelText('Password for 잠김.pdf'), { target: { value: 'sesame' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    const item = await screen.findByTestId('document-item');
    expect(within(item).getByText('잠김.pdf')).toBeTruthy();
    expect(screen.queryByTestId('upload-card')).toBeNull();
  });

  it('words a refused file in Korean too', async () => {
    languageStore.getState().setLanguage('ko');
    const { store, parser } = setup();
    parser.failures.set('scan.pdf', new AppError('file-no-text'));
    render(<DocumentsPanel store={store} />);
    chooseFiles(new File(['%PDF'], 'scan.pdf'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/[가-힣]/);
    fireEvent.click(screen.getByRole('button', { name: 'scan.pdf 알림 닫기' }));
    expect(screen.queryByTestId('upload-card')).toBeNull();
  });

  it('lists what was read from each document, with its index state', async () => {
    const { store, repository } = setup({ index: true });
    repository.records.set('p', record('p', '2026-01-02T00:00:00.000Z', { fileName: '안내.pdf', type: 'pdf', size: 2048, pages: 12, language: 'ko', indexState: 'pending' }));
    repository.records.set('c', record('c', '2026-01-01T00:00:00.000Z', { fileName: '매출.csv', type: 'csv', size: 512, rows: 40, columns: ['월', '매출', '지역'], language: 'ko', encoding: 'euc-kr', indexState: 'indexed' }));
    render(<DocumentsPanel store={store} />);
    const items = await screen.findAllByTestId('document-item');
    expect(items.map((item) => item.querySelector('.document-facts')?.firstChild?.textContent)).toEqual([
      'PDF · 2 KB · 12 pages · Korean',
      'CSV · 512 B · 40 rows · 3 columns · Korean · CP949',
    ]);
    expect(items.map((item) => within(item).getByTestId('index-state').textContent)).toEqual(['Indexing…', 'Searchable']);
  });

  it('deletes only after the confirmation, and Cancel keeps the document', async () => {
    const { store, repository, useCases } = setup();
    repository.records.set('d1', record('d1', '2026-01-01T00:00:00.000Z', { fileName: '메모.txt' }));
    render(<DocumentsPanel store={store} />);
    const deleteButton = await screen.findByRole('button', { name: 'Delete: 메모.txt' });

    fireEvent.click(deleteButton);
    const dialog = screen.getByRole('dialog', { name: 'Delete this document?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(useCases.removes).toEqual([]);

    fireEvent.click(deleteButton);
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByTestId('document-item')).toBeNull());
    expect(useCases.removes).toEqual([{ id: 'd1', withIndex: false }]);
  });

  it('shows the extracted text in a dialog that Escape closes', async () => {
    const { store, repository, files } = setup();
    repository.records.set('d1', record('d1', '2026-01-01T00:00:00.000Z', { fileName: '메모.txt' }));
    files.texts.set('d1', '첫째 줄\n둘째 줄');
    render(<DocumentsPanel store={store} />);
    fireEvent.click(await screen.findByRole('button', { name: 'View text: 메모.txt' }));
    const dialog = screen.getByRole('dialog', { name: 'Extracted text: 메모.txt' });
    await waitFor(() => expect(within(dialog).getByTestId('extracted-text').textContent).toBe('첫째 줄\n둘째 줄'));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(store.getState().texts).toEqual({});
  });

  it('shows a summary’s parts progress with Stop, then the saved summary', async () => {
    const { store, repository, files, useCases } = setup();
    repository.records.set('d1', record('d1', '2026-01-01T00:00:00.000Z', { fileName: '긴 문서.txt' }));
    files.texts.set('d1', '본문');
    const gate = barrier();
    useCases.summaryScripts.push(async (input) => {
      input.onProgress?.({ done: 2, total: 5, phase: 'parts' });
      await gate.wait();
      if (input.signal.aborted) throw new AppError('aborted');
      return { summary: 'unused', parts: 5 };
    });
    useCases.summaryScripts.push(streamedSummary(['**요약**: 판교로 이전합니다.']));
    render(<DocumentsPanel store={store} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Summarize: 긴 문서.txt' }));

    const bar = await screen.findByRole('progressbar', { name: 'Summary progress' });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('40'));
    expect(screen.getByText('Summarizing part 2 of 5…')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Stop summarizing 긴 문서.txt' }));
    gate.release();
    await waitFor(() => expect(screen.queryByTestId('summary-running')).toBeNull());
    expect(screen.queryByTestId('summary')).toBeNull();

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Summarize: 긴 문서.txt' }));
    });
    const summary = await screen.findByTestId('summary');
    await waitFor(() => expect(summary.textContent).toContain('판교로 이전합니다.'));
    expect(summary.textContent).toContain('Summary by amazon.nova-lite-v1:0');
  });
});

describe('saved summaries', () => {
  it('names the model that wrote a summary through the label it is given', async () => {
    const { store, repository } = setup();
    repository.records.set('d1', record('d1', '2026-01-01T00:00:00.000Z', { summary: '- 판교로 이전', summaryModelId: 'amazon.nova-lite-v1:0' }));
    render(<DocumentsPanel store={store} modelLabel={(id) => (id === 'amazon.nova-lite-v1:0' ? 'Nova Lite' : id)} />);
    const summary = await screen.findByTestId('summary');
    expect(summary.textContent).toContain('판교로 이전');
    expect(summary.textContent).toContain('Summary by Nova Lite');
  });
});

describe('drop zone', () => {
  it('uploads the files dropped on it and says so to its owner', async () => {
    const { store } = setup();
    const dropped: string[] = [];
    render(
      <DocumentDropZone store={store} onDropped={(files) => dropped.push(...files.map((f) => f.name))}>
        <p>chat</p>
      </DocumentDropZone>,
    );
    const zone = screen.getByTestId('document-drop-zone');
    const file = new File(['a,b\n1,2'], '표.csv', { type: 'text/csv' });
    const dataTransfer = { types: ['Files'], files: [file], dropEffect: 'none' };
    fireEvent.dragEnter(zone, { dataTransfer });
    expect(screen.getByText('Drop files to upload them')).toBeTruthy();
    fireEvent.drop(zone, { dataTransfer });
    expect(screen.queryByText('Drop files to upload them')).toBeNull();
    expect(dropped).toEqual(['표.csv']);
    await waitFor(() => expect(store.getState().documents.map((d) => d.fileName)).toEqual(['표.csv']));
  });

  it('ignores drags that carry no files (text, links)', () => {
    const { store } = setup();
    render(
      <DocumentDropZone store={store}>
        <p>chat</p>
      </DocumentDropZone>,
    );
    fireEvent.dragEnter(screen.getByTestId('document-drop-zone'), { dataTransfer: { types: ['text/plain'], files: [] } });
    expect(screen.queryByText('Drop files to upload them')).toBeNull();
  });
});
