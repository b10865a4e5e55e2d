// Steps for test/bench/lib.test.ts: run in a child process by bench/step.mjs.
export const steps = {
  grow(input, { lib, emit }) {
    const kept = [];
    for (let i = 0; i < input.chunks; i++) {
      kept.push(Buffer.alloc(input.mib * 2 ** 20, 1));
      emit({ i });
    }
    return { chunks: kept.length, hasLibrary: typeof lib.parseInf === 'function' };
  },
  fail() {
    throw new Error('the engine is not ready');
  },
};
