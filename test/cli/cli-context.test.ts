import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  createContext,
  prefixLines,
  type CliIo,
  type GlobalOptions,
} from "../../src/cli/cli-context.js";

class Captured extends Writable {
  text = "";
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

function contextWith({
  env = {},
  options = {},
  tty = true,
}: {
  env?: NodeJS.ProcessEnv;
  options?: GlobalOptions;
  tty?: boolean;
} = {}) {
  const stdout = new Captured(tty);
  const stderr = new Captured(tty);
  const io: CliIo = { cwd: "/tmp", env, stdout, stderr };
  return { ctx: createContext(io, options), stdout, stderr };
}

describe("createContext colour", () => {
  it("turns colour on for a terminal with no setting against it", () => {
    expect(contextWith({ env: { TERM: "xterm-256color" } }).ctx.useColor).toBe(true);
  });

  it.each([
    ["NO_COLOR is set", { NO_COLOR: "1" }, {}, true],
    ["NO_COLOR is set but empty", { NO_COLOR: "" }, {}, true],
    ["TERM is dumb", { TERM: "dumb" }, {}, true],
    ["CI is set", { CI: "true" }, {}, true],
    ["stderr is not a terminal", {}, {}, false],
    ["--no-color is given", {}, { color: false }, true],
  ])("turns colour off when %s", (_name, env, options, tty) => {
    expect(contextWith({ env, options, tty }).ctx.useColor).toBe(false);
  });
});

describe("createContext level", () => {
  it.each([
    [{ debug: true, verbose: true, quiet: true }, {}, "debug"],
    [{ verbose: true, quiet: true }, {}, "verbose"],
    [{ quiet: true }, { ZTLAB_LOG: "debug" }, "quiet"],
    [{ verbose: true }, { ZTLAB_LOG: "quiet" }, "verbose"],
    [{}, { ZTLAB_LOG: "debug" }, "debug"],
    [{}, { ZTLAB_LOG: "verbose" }, "verbose"],
    [{}, { ZTLAB_LOG: "quiet" }, "quiet"],
    [{}, { ZTLAB_LOG: "DEBUG" }, "info"],
    [{}, { ZTLAB_LOG: "trace" }, "info"],
    [{}, {}, "info"],
  ])("takes flags %j with env %j as %s", (options, env, level) => {
    expect(contextWith({ options, env }).ctx.level).toBe(level);
  });
});

describe("createContext output", () => {
  it("writes notes to stderr at the default level and keeps stdout for results", () => {
    const { ctx, stdout, stderr } = contextWith();
    ctx.note("planning");
    ctx.out("result");
    ctx.out("already ended\n");
    expect(stderr.text).toBe("planning\n");
    expect(stdout.text).toBe("result\nalready ended\n");
  });

  it.each([
    ["--quiet", { quiet: true }, {}],
    ["--json", { json: true }, {}],
    ["ZTLAB_LOG=quiet", {}, { ZTLAB_LOG: "quiet" }],
  ])("drops notes but keeps warnings under %s", (_name, options, env) => {
    const { ctx, stderr } = contextWith({ options, env });
    ctx.note("planning");
    ctx.warn("state is old");
    expect(stderr.text).toBe("warning: state is old\n");
  });

  it("repeats the warning prefix on every line of a multi-line warning", () => {
    const { ctx, stderr, stdout } = contextWith();
    ctx.warn("two nodes share a region\n  aws: us-east-1\n  do: us-east-1");
    expect(stderr.text).toBe(
      "warning: two nodes share a region\nwarning:   aws: us-east-1\nwarning:   do: us-east-1\n",
    );
    expect(stdout.text).toBe("");
  });
});

describe("prefixLines", () => {
  it.each([
    ["one line", "a", "> a\n"],
    ["three lines", "a\nb\nc", "> a\n> b\n> c\n"],
    ["an empty line inside", "a\n\nc", "> a\n> \n> c\n"],
    ["a trailing line break", "a\n", "> a\n"],
    ["a blank last line", "a\n\n", "> a\n> \n"],
    ["an empty text", "", "> \n"],
  ])("prefixes every line of %s and ends with one line break", (_name, text, expected) => {
    expect(prefixLines("> ", text)).toBe(expected);
  });
});
