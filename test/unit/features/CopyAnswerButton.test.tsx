// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { CopyAnswerButton } from '../../../src/features/chat/CopyAnswerButton.tsx';
import { languageStore } from '../../../src/i18n/i18n.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const answer = '## 요약\n\n- **판교** 사무실\n\n```ts\nconst a = 1;\n```';

describe('copying a whole answer', () => {
  it('puts the markdown as written on the clipboard and says so', async () => {
    languageStore.getState().setLanguage('ko');
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    render(<CopyAnswerButton text={answer} />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '답변을 마크다운으로 복사' }));
    });
    expect(writeText).toHaveBeenCalledWith(answer);
    expect(screen.getByTestId('copy-feedback').textContent).toBe('복사했습니다');
  });

  it('says when the clipboard refused', async () => {
    languageStore.getState().setLanguage('en');
    vi.stubGlobal('navigator', { clipboard: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) } });
    render(<CopyAnswerButton text={answer} />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy the answer as markdown' }));
    });
    expect(screen.getByTestId('copy-feedback').textContent).toBe('Could not copy');
  });
});
