/** The PIN the bench's devices set at the PIN step and unlock with (browser and Node). */
export const BENCH_PIN = '258013';
