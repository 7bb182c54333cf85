// Ids that sort by creation time as plain strings, so DynamoDB sort keys (`MSG#<conv>#<id>`) come
// back in order: 9 base36 digits of milliseconds, 3 of a per-millisecond counter, 8 random.

const TIME_WIDTH = 9;
const COUNTER_WIDTH = 3;
const RANDOM_WIDTH = 8;
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;

export type RandomSource = () => number;

function cryptoRandom(): number {
  const buffer = new Uint32Array(1);
  globalThis.crypto.getRandomValues(buffer);
  return (buffer[0] ?? 0) / 2 ** 32;
}

function randomPart(random: RandomSource): string {
  let out = '';
  for (let i = 0; i < RANDOM_WIDTH; i++) out += Math.floor(random() * 36).toString(36);
  return out;
}

export interface IdGenerator {
  (): string;
}

/**
 * Ids from one generator are strictly increasing even within one millisecond or when the clock
 * steps back (the last time is reused and the counter goes up).
 */
export function createIdGenerator(now: () => number = Date.now, random: RandomSource = cryptoRandom): IdGenerator {
  let lastTime = -1;
  let counter = 0;
  return () => {
    let time = now();
    if (time <= lastTime) {
      time = lastTime;
      counter++;
      if (counter > MAX_COUNTER) {
        time = lastTime + 1;
        counter = 0;
      }
    } else {
      counter = 0;
    }
    lastTime = time;
    return (
      time.toString(36).padStart(TIME_WIDTH, '0') +
      counter.toString(36).padStart(COUNTER_WIDTH, '0') +
      randomPart(random)
    );
  };
}

/** A process-wide generator for app code. */
export const newId: IdGenerator = createIdGenerator();

/** The creation time (ms since the epoch) encoded in an id. */
export function idTime(id: string): number {
  return parseInt(id.slice(0, TIME_WIDTH), 36);
}
