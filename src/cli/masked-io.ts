// The last guard of the terminal: whatever a command writes passes through one masking of the
// secret values in its environment, so a value the engine or a library echoes never shows.
import { Writable } from "node:stream";
import type { CliIo } from "./cli-context.js";

type Output = CliIo["stdout"];

/** The same io with stdout and stderr masking every occurrence of `secrets` (longest first). */
export function maskedIo(
  io: CliIo,
  secrets: readonly string[],
  mask: (text: string, secrets: readonly string[]) => string,
): CliIo {
  if (secrets.length === 0) return io;
  return {
    ...io,
    stdout: maskedStream(io.stdout, (text) => mask(text, secrets)),
    stderr: maskedStream(io.stderr, (text) => mask(text, secrets)),
  };
}

function maskedStream(inner: Output, mask: (text: string) => string): Output {
  const stream = new Writable({
    decodeStrings: false,
    // Passed on at once, not queued: output stays in order with anything written to `inner`.
    write(chunk: Buffer | string, _encoding, done) {
      inner.write(mask(typeof chunk === "string" ? chunk : chunk.toString("utf8")));
      done();
    },
  });
  return Object.defineProperties(stream, {
    isTTY: { get: () => inner.isTTY },
    columns: { get: () => inner.columns },
  }) as Output;
}
