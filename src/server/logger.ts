/**
 * The one logger of the server: structured JSON lines, one per event. Callers pass only
 * operational fields (request id, route, status, user id); never bodies, tokens, names or
 * ID numbers. The only place in the server that writes to the console.
 */
export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export type Logger = {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A plain human-readable line (start-up banner); harnesses parse it, so it is not JSON. */
  announce(line: string): void;
};

export type LogSink = { json(line: string): void; text(line: string): void };

const stdoutSink: LogSink = {
  json: (line) => process.stdout.write(`${line}\n`),
  text: (line) => process.stdout.write(`${line}\n`),
};

export function createLogger(sink: LogSink = stdoutSink, now: () => number = Date.now): Logger {
  const write = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    sink.json(JSON.stringify({ time: new Date(now()).toISOString(), level, msg, ...fields }));
  };
  return {
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    announce: (line) => sink.text(line),
  };
}

/** A logger that keeps every line in memory: for tests that check what is (not) logged. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ json: (l) => lines.push(l), text: (l) => lines.push(l) });
  return Object.assign(logger, { lines });
}

/** A logger that drops everything. */
export const silentLogger: Logger = createLogger({ json: () => undefined, text: () => undefined });
