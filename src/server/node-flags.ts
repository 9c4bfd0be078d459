/**
 * The Node flags the server runs with in production (`npm start`, README "Production"):
 * `--optimize-for-size` makes V8 grow the heap in smaller steps and collect sooner. A 150,000-row
 * list import then peaks at 390–470 MB of RSS instead of 580–860 MB, in about twice the time
 * (16 s instead of 8; `npm run bench -- --only=lists`, README "Performance"). The bench starts its
 * servers with them, so it measures the server as production runs it.
 */
export const SERVER_NODE_FLAGS = ['--optimize-for-size'] as const;
