// Runs ztlab in-process with captured streams, as the commands' tests need.
import { PassThrough } from "node:stream";
import { runCli, type CommandModule } from "../../src/cli/program.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout as bytes, for binary output such as pcap. */
  stdoutBytes: Buffer;
}

export async function runZtlab(
  argv: readonly string[],
  {
    cwd = process.cwd(),
    env = {},
    signal,
    onStdout,
    tty = false,
    commands,
  }: {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    signal?: AbortSignal;
    /** Called with everything written to stdout so far, after each write. */
    onStdout?: (text: string) => void;
    /** Make stdout look like a terminal. */
    tty?: boolean;
    /** Commands offered instead of ztlab's own. */
    commands?: readonly CommandModule[];
  } = {},
): Promise<CliRun> {
  const stdout = Object.assign(new PassThrough(), { isTTY: tty });
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (chunk: Buffer) => {
    out.push(chunk);
    onStdout?.(Buffer.concat(out).toString("utf8"));
  });
  stderr.on("data", (chunk: Buffer) => err.push(chunk));
  const code = await runCli(
    argv,
    { cwd, env, stdout, stderr, signal },
    commands === undefined ? {} : { commands },
  );
  return {
    code,
    stdout: Buffer.concat(out).toString("utf8"),
    stderr: Buffer.concat(err).toString("utf8"),
    stdoutBytes: Buffer.concat(out),
  };
}
