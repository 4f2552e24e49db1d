import type pg from 'pg';
import copyStreams from 'pg-copy-streams';

/**
 * A COPY … FROM STDIN (text format) that the caller feeds with lines while it keeps parsing: writes
 * do not wait for PostgreSQL unless its buffer is full, so reading the file and loading the rows
 * overlap. `finish` resolves when PostgreSQL has stored every row (and rejects on its error).
 */
export type CopyWriter = { write(text: string): Promise<void> | undefined; finish(): Promise<void> };

export function openCopy(client: pg.PoolClient, sql: string): CopyWriter {
  const stream = client.query(copyStreams.from(sql));
  let failure: Error | undefined;
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', () => resolve());
    stream.on('error', (error: Error) => {
      failure = error;
      reject(error);
    });
  });
  // Observed here so that an early failure is not an unhandled rejection; `finish` reports it.
  done.catch(() => undefined);
  return {
    write(text) {
      if (failure) throw failure;
      if (stream.write(text, 'utf8')) return undefined;
      return new Promise<void>((resolve, reject) => {
        const onDrain = () => {
          stream.off('error', onError);
          resolve();
        };
        const onError = (error: Error) => {
          stream.off('drain', onDrain);
          reject(error);
        };
        stream.once('drain', onDrain);
        stream.once('error', onError);
      });
    },
    async finish() {
      if (!failure) stream.end();
      await done;
    },
  };
}

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value as a COPY text-format field: `\N` for null, backslash, tab and line ends escaped. */
export function copyText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c]!) : value;
}

/** A bytea value as a COPY text-format field (hex form; the backslash itself escaped). */
export function copyBytea(value: Buffer | null): string {
  return value ? `\\\\x${value.toString('hex')}` : '\\N';
}
