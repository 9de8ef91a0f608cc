// Loading `ztlab.config.ts`: jiti compiles it on the fly, so no build step or loader flag is needed.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { InputError } from "../errors/index.js";

/** The default export of a typed lab file. */
export async function importTypedLab(path: string): Promise<unknown> {
  const { createJiti } = await import("jiti");
  const jiti = createJiti(import.meta.url, {
    moduleCache: false,
    // `import { defineLab } from "ztlab"` resolves to this copy of ztlab wherever the file is.
    alias: { ztlab: ownDefineLabModule() },
  });
  let module: unknown;
  try {
    module = await jiti.import(path);
  } catch (error) {
    throw new InputError(`${path}: could not load the typed lab file`, {
      code: "lab-file-syntax",
      cause: error,
      details: messageLines(error),
    });
  }
  // jiti fills `default` with the namespace when there is none, so ask for the real key.
  const hasDefault = module !== null && typeof module === "object" && keysOf(module).has("default");
  const value = hasDefault ? (module as { default: unknown }).default : undefined;
  if (value === undefined) {
    throw new InputError(`${path}: has no default export`, {
      code: "lab-file-syntax",
      hint: "end it with: export default defineLab({ ... })",
    });
  }
  return value;
}

// Built code sits in dist/ as .js; under the test runner the sources are .ts.
function ownDefineLabModule(): string {
  const js = fileURLToPath(new URL("./define-lab.js", import.meta.url));
  return existsSync(js) ? js : js.replace(/\.js$/, ".ts");
}

function keysOf(module: object): Set<string> {
  return new Set(Object.keys(module));
}

// The loader's message names the problem, then file:line:col on a line of its own.
function messageLines(error: unknown): string[] {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .slice(0, 3);
}
