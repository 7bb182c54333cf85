// A deterministic, LLM-style answer in mixed Korean and English markdown for the streaming bench:
// headings, paragraphs with inline marks and links, nested/ordered/task lists, tables, fenced code
// and quotes. "N tokens" means 4·N characters, streamed as N chunks of 4 characters.

export const CHARS_PER_TOKEN = 4;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EN = ('the model returns a streamed answer while the browser renders each block once and keeps ' +
  'scrolling smooth for long documents with tables lists and code so that readers can follow along ' +
  'without waiting for the whole response to finish').split(' ');
const KO = ('서연은 브라우저에서 바로 동작하는 한국어 대화형 도우미입니다 긴 답변도 끊김 없이 보여 주고 표와 목록과 ' +
  '코드를 읽기 쉽게 정리합니다 문서를 올리면 요약과 질문에 대한 답을 출처와 함께 제공합니다').split(' ');

const CODE: Record<string, string[]> = {
  ts: [
    'export async function summarize(text: string, signal: AbortSignal): Promise<string> {',
    '  const parts = splitIntoChunks(text, 4000);',
    '  const summaries: string[] = [];',
    '  for (const part of parts) {',
    "    if (signal.aborted) throw new Error('aborted');",
    '    summaries.push(await model.complete(`요약: ${part}`, { signal }));',
    '  }',
    "  return summaries.join('\\n');",
    '}',
  ],
  python: [
    'def tokenize(text: str) -> list[str]:',
    '    """한국어와 영어가 섞인 문장을 나눕니다."""',
    '    words = []',
    '    for raw in text.split():',
    '        word = raw.strip(".,!?")',
    '        if word:',
    '            words.append(word.lower())',
    '    return words',
  ],
  bash: [
    'npm ci',
    'npm run build',
    'aws s3 sync dist/ s3://$BUCKET/ --delete',
    'aws cloudfront create-invalidation --distribution-id "$DIST" --paths "/*"',
    'echo "배포 완료"',
  ],
};
const LANGUAGES = Object.keys(CODE);

export function makeAnswer(tokens: number, seed = 7): string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const words = (list: readonly string[], count: number) => Array.from({ length: count }, () => pick(list)).join(' ');
  const target = tokens * CHARS_PER_TOKEN;
  let text = '';
  for (let section = 1; text.length < target; section++) {
    const language = LANGUAGES[section % LANGUAGES.length]!;
    text +=
      `## ${section}. ${words(KO, 3)} ${words(EN, 2)}\n\n` +
      `The ${words(EN, 8)} **${words(EN, 2)}** and *${words(EN, 2)}*, see [the guide](https://example.com/docs/${section}) ` +
      `or run \`npm run bench\` to ${words(EN, 10)}.\n\n` +
      `${words(KO, 12)} **${words(KO, 2)}** ${words(KO, 8)}.\n\n` +
      `- ${words(EN, 5)}\n  - ${words(KO, 4)}\n  - ${words(EN, 4)} \`${pick(EN)}\`\n- ${words(KO, 6)}\n\n` +
      `1. ${words(EN, 6)}\n2. ${words(KO, 5)}\n3. ${words(EN, 4)}\n\n` +
      `- [x] ${words(KO, 3)}\n- [ ] ${words(EN, 3)}\n\n` +
      `| 항목 | value | 설명 |\n|---|---:|---|\n` +
      Array.from({ length: 3 }, (_, row) => `| ${pick(KO)} | ${(section * 37 + row * 11) % 1000} | ${words(EN, 3)} |\n`).join('') +
      `\n\`\`\`${language}\n${CODE[language]!.join('\n')}\n\`\`\`\n\n` +
      `> ${words(KO, 7)} ${words(EN, 4)}.\n\n`;
  }
  return text.slice(0, target);
}

export function chunksOf(text: string, size = CHARS_PER_TOKEN): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
}
