/** Splits a byte stream into whole lines; a partial last line is held until the rest arrives. */
export interface LineSplitter {
  /** Feeds a chunk and returns the lines it completed (without their line breaks). */
  push: (chunk: string) => string[];
  /** Returns what is left once the stream has ended, as a last line if not empty. */
  flush: () => string[];
}

export function createLineSplitter(): LineSplitter {
  let pending = "";
  return {
    push(chunk) {
      const parts = (pending + chunk).split("\n");
      pending = parts.pop() ?? "";
      return parts.map(stripCarriageReturn);
    },
    flush() {
      const rest = stripCarriageReturn(pending);
      pending = "";
      return rest === "" ? [] : [rest];
    },
  };
}

function stripCarriageReturn(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}
