import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Prepared rows on disk between reading the file and writing the database, one JSON document a
 * line. Reading and checking a large file takes a while; the database transaction (which holds
 * the embedded database's only connection) is opened only once the whole file has been read and
 * accepted, and then just copies these lines in.
 */
export class Spool {
  lines = 0;
  /** A write error (disk full…), raised at the next write or close. */
  private failure: Error | undefined;

  private constructor(
    private readonly dir: string,
    readonly path: string,
    private readonly stream: WriteStream,
  ) {
    stream.on('error', (error) => (this.failure ??= error));
  }

  static async create(): Promise<Spool> {
    const dir = await mkdtemp(join(tmpdir(), 'lagesbild-import-'));
    const path = join(dir, 'rows.ndjson');
    return new Spool(dir, path, createWriteStream(path, { encoding: 'utf8' }));
  }

  /** A method, not an inline check: TypeScript would narrow `failure` across the awaits that set it. */
  private raiseFailure(): void {
    if (this.failure) throw this.failure;
  }

  async write(values: readonly unknown[]): Promise<void> {
    this.raiseFailure();
    if (values.length === 0) return;
    let text = '';
    for (const value of values) text += `${JSON.stringify(value)}\n`;
    this.lines += values.length;
    const stream = this.stream;
    if (!stream.write(text)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          stream.off('drain', done);
          stream.off('close', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
      });
    }
    this.raiseFailure();
  }

  async close(): Promise<void> {
    const stream = this.stream;
    if (!stream.closed && !stream.destroyed) await new Promise<void>((resolve) => stream.end(resolve));
    this.raiseFailure();
  }

  /** The lines in batches, each batch as one JSON array text. */
  async *batches(size: number): AsyncGenerator<{ json: string; count: number }> {
    await this.close();
    const lines = createInterface({
      input: createReadStream(this.path, { encoding: 'utf8', highWaterMark: 1 << 20 }),
      crlfDelay: Infinity,
    });
    let batch: string[] = [];
    for await (const line of lines) {
      if (line === '') continue;
      batch.push(line);
      if (batch.length >= size) {
        yield { json: `[${batch.join(',')}]`, count: batch.length };
        batch = [];
      }
    }
    if (batch.length > 0) yield { json: `[${batch.join(',')}]`, count: batch.length };
  }

  async remove(): Promise<void> {
    this.stream.destroy();
    await rm(this.dir, { recursive: true, force: true });
  }
}
