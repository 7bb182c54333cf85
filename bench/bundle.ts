// Initial JavaScript of a Vite build: the entry chunk and everything it imports statically,
// read from .vite/manifest.json and gzipped at level 9.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export interface InitialJs {
  initialJsGzipBytes: number;
  initialJsGzipKiB: number;
  budgetKiB: number;
  withinBudget: boolean;
  initialFiles: { file: string; rawBytes: number; gzipBytes: number }[];
  lazyJsGzipBytes: number;
  lazyFiles: number;
}

export function measureInitialJs(distDir: string, budgetKiB: number): InitialJs {
  const manifest = JSON.parse(readFileSync(path.join(distDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const initialKeys = new Set<string>();
  const visit = (key: string) => {
    if (initialKeys.has(key)) return;
    initialKeys.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);

  const sizeOf = (file: string) => {
    const bytes = readFileSync(path.join(distDir, file));
    return { file, rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  };
  const isJs = (file: string) => /\.m?js$/.test(file);
  const initialFiles = [...new Set([...initialKeys].map((key) => manifest[key]!.file))].filter(isJs).map(sizeOf);
  const initialSet = new Set(initialFiles.map((entry) => entry.file));
  const lazy = [...new Set(Object.values(manifest).map((chunk) => chunk.file))]
    .filter((file) => isJs(file) && !initialSet.has(file))
    .map(sizeOf);

  const total = initialFiles.reduce((sum, entry) => sum + entry.gzipBytes, 0);
  const kib = Math.round((total / 1024) * 10) / 10;
  return {
    initialJsGzipBytes: total,
    initialJsGzipKiB: kib,
    budgetKiB,
    withinBudget: total <= budgetKiB * 1024,
    initialFiles,
    lazyJsGzipBytes: lazy.reduce((sum, entry) => sum + entry.gzipBytes, 0),
    lazyFiles: lazy.length,
  };
}
