import { StringDecoder } from 'node:string_decoder';
import { OUTPUT_END_MARKER } from './workerProtocol';

/**
 * Turns a worker's stdout or stderr bytes into log lines (one CloudWatch event per line, as Lambda writes them)
 * and reports the end-of-invocation markers the bootstraps write, so the pool knows all output has arrived.
 */
export class OutputLineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly onMarker: () => void,
  ) {}

  push(chunk: Buffer): void {
    this.pending += this.decoder.write(chunk);
    for (;;) {
      const newline = this.pending.indexOf('\n');
      const marker = this.pending.indexOf(OUTPUT_END_MARKER);
      if (marker >= 0 && (newline < 0 || marker < newline)) {
        // Output that did not end with a newline is still a line of its own once the invocation ends.
        if (marker > 0) this.onLine(stripCarriageReturn(this.pending.slice(0, marker)));
        this.pending = this.pending.slice(marker + OUTPUT_END_MARKER.length);
        this.onMarker();
        continue;
      }
      if (newline < 0) break;
      this.onLine(stripCarriageReturn(this.pending.slice(0, newline)));
      this.pending = this.pending.slice(newline + 1);
    }
  }

  /** Emits whatever is left (the process ended). */
  flush(): void {
    this.pending += this.decoder.end();
    if (this.pending) this.onLine(stripCarriageReturn(this.pending));
    this.pending = '';
  }
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
