import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createContext } from "../../src/cli/cli-context.js";
import { confirm } from "../../src/cli/commands/engine-session.js";

function terminalContext(signal?: AbortSignal) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const stderr = Object.assign(
    new Writable({
      write(_chunk, _encoding, done) {
        done();
      },
    }),
    { isTTY: true },
  );
  const io = { cwd: "/", env: {}, stdout: new PassThrough(), stderr, stdin };
  return { stdin, ctx: createContext(signal === undefined ? io : { ...io, signal }, {}) };
}

describe("confirm", () => {
  it("answers yes for y and no for anything else", async () => {
    const { stdin, ctx } = terminalContext();
    const asked = confirm(ctx, "apply?", false);
    stdin.write("y\n");
    expect(await asked).toBe(true);
    const second = terminalContext();
    const again = confirm(second.ctx, "apply?", false);
    second.stdin.write("later\n");
    expect(await again).toBe(false);
  });

  it("ends at once with exit 130 on Ctrl-C typed at the question", async () => {
    const { stdin, ctx } = terminalContext();
    const asked = confirm(ctx, "apply?", false);
    stdin.write("\x03");
    await expect(asked).rejects.toMatchObject({ code: "interrupted", exitCode: 130 });
  });

  it("ends at once with exit 130 when the run is interrupted while asking", async () => {
    const controller = new AbortController();
    const { ctx } = terminalContext(controller.signal);
    const asked = confirm(ctx, "apply?", false);
    setTimeout(() => controller.abort(), 20);
    await expect(asked).rejects.toMatchObject({ code: "interrupted", exitCode: 130 });
  });
});
