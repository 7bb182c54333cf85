// Titan Text Embeddings V2 stand-in: a deterministic hashed bag of the similarity terms, so texts
// that share words land close together. Not semantic; good enough to exercise a pipeline.
import { createHash } from 'node:crypto';
import { terms } from './similarity.ts';

export function embed(text: string, dimensions: number, normalize: boolean): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const term of terms(text)) {
    const digest = createHash('sha1').update(term).digest();
    const index = digest.readUInt32BE(0) % dimensions;
    vector[index]! += digest[4]! & 1 ? 1 : -1;
  }
  const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
  if (!normalize || norm === 0) return vector;
  return vector.map((v) => v / norm);
}
