// drizzle's loggers: `logger: true` is a DefaultLogger writing to the console.
import { entity } from './entity.js';

/** drizzle's ConsoleLogWriter: writes to `console.log`. */
export const ConsoleLogWriter = /* @__PURE__ */ entity('ConsoleLogWriter', class ConsoleLogWriter {
  write(message) {
    console.log(message);
  }
});

/** drizzle's DefaultLogger: `Query: <sql> -- params: [<json>, …]` to its writer (the console). */
export const DefaultLogger = /* @__PURE__ */ entity('DefaultLogger', class DefaultLogger {
  constructor(config) {
    this.writer = config?.writer ?? new ConsoleLogWriter();
  }
  logQuery(query, params) {
    const s = params.map((p) => {
      try {
        return JSON.stringify(p);
      } catch {
        return String(p);
      }
    });
    this.writer.write(`Query: ${query}${s.length ? ` -- params: [${s.join(', ')}]` : ''}`);
  }
});

/** drizzle's NoopLogger. */
export const NoopLogger = /* @__PURE__ */ entity('NoopLogger', class NoopLogger {
  logQuery() {}
});
