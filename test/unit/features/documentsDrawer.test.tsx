// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { DocumentsButton } from '../../../src/features/documents/DocumentsButton.tsx';
import { DocumentsDrawer } from '../../../src/features/documents/DocumentsDrawer.tsx';
import { languageStore } from '../../../src/i18n/i18n.ts';
import { createDocumentsStore, type DocumentsStore } from '../../../src/stores/documentsStore.ts';
import { FakeModel, fakeClock } from '../stores/fakes.ts';
import { FakeParser, FakeUseCases, MemoryDocumentRepository, MemoryDocumentStore, record } from '../stores/documentsFakes.ts';

function makeStore() {
  const repository = new MemoryDocumentRepository();
  const files = new MemoryDocumentStore();
  const clock = fakeClock();
  repository.records.set('d1', record('d1', '2026-01-01T00:00:00.000Z', { fileName: '메모.txt' }));
  files.texts.set('d1', '본문');
  const store = createDocumentsStore({
    ports: { parser: new FakeParser(), store: files, repository, model: new FakeModel([]), clock, newId: clock.newId },
    useCases: new FakeUseCases(),
    maxUploadBytes: 1024,
    summaryModel: () => ({ modelId: 'm' }),
  });
  return store;
}

/** The mount the chat layout makes: a button in the header and the drawer while open. */
function Mounted({ store }: { store: DocumentsStore }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <DocumentsButton store={store} open={open} onClick={() => setOpen(true)} />
      {open && <DocumentsDrawer store={store} onClose={() => setOpen(false)} />}
    </>
  );
}

beforeEach(() => languageStore.getState().setLanguage('en'));
afterEach(cleanup);

describe('documents drawer', () => {
  it('opens from its button with focus inside, and Escape in an inner dialog closes only that dialog', async () => {
    const store = makeStore();
    render(<Mounted store={store} />);
    const button = screen.getByTestId('documents-open');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    // A browser focuses a clicked button (Safari aside: the drawer then falls back to this button).
    button.focus();
    fireEvent.click(button);
    const drawer = screen.getByRole('dialog', { name: 'Documents' });
    expect(drawer.contains(document.activeElement)).toBe(true);
    expect(button.getAttribute('aria-expanded')).toBe('true');

    const viewText = await within(drawer).findByRole('button', { name: 'View text: 메모.txt' });
    viewText.focus();
    fireEvent.click(viewText);
    const textDialog = screen.getByRole('dialog', { name: 'Extracted text: 메모.txt' });
    expect(textDialog.contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Extracted text: 메모.txt' })).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Documents' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(viewText));

    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(button));
  });

  it('names the button with its visible words and the count', async () => {
    const store = makeStore();
    await store.getState().load();
    render(<Mounted store={store} />);
    expect(screen.getByRole('button', { name: 'Documents 1' })).toBeTruthy();
  });

  it('gives focus back to the documents button when the opener is unknown', async () => {
    const store = makeStore();
    render(<Mounted store={store} />);
    const button = screen.getByTestId('documents-open');
    fireEvent.click(button);
    expect(document.activeElement).not.toBe(button);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    await waitFor(() => expect(document.activeElement).toBe(button));
  });
});
