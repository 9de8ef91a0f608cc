// The manifest of a generated directory: which files ztlab wrote there and may replace or remove.
import { join } from "node:path";
import { InputError, InternalError } from "../errors/index.js";

/** The file listing the files ztlab wrote into a directory; nothing else there is ours. */
export const MANIFEST_NAME = ".ztlab-manifest.json";

export interface Manifest {
  generator: "ztlab";
  files: string[];
}

// The only names ztlab writes and therefore the only names a manifest may hand it to replace or
// remove: a plain `*.tf.json` name cannot reach outside the directory or name a directory.
const OWNED_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\.tf\.json$/;

export function checkFileName(name: string): void {
  if (!OWNED_NAME.test(name) || name.includes("..")) {
    throw new InternalError(`not a plain file name for a generated file: ${JSON.stringify(name)}`, {
      code: "internal",
    });
  }
}

export function parseManifest(dir: string, text: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    value = error;
  }
  const { generator, files } = (value ?? {}) as { generator?: unknown; files?: unknown };
  const bad = !Array.isArray(files)
    ? ["no list of files"]
    : files
        .filter((name) => typeof name !== "string" || !OWNED_NAME.test(name) || name.includes(".."))
        .map((name) => `not a file ztlab writes: ${JSON.stringify(name)}`);
  if (generator !== "ztlab" || bad.length > 0) {
    throw new InputError(
      `${join(dir, MANIFEST_NAME)}: not a valid ztlab manifest; nothing changed`,
      {
        code: "output-manifest-invalid",
        details: bad.slice(0, 5),
        hint: "remove the files ztlab wrote and the manifest, then run again",
      },
    );
  }
  return { generator: "ztlab", files: files as string[] };
}

export function manifestText(names: readonly string[]): string {
  const manifest: Manifest = { generator: "ztlab", files: [...new Set(names)].sort() };
  return JSON.stringify(manifest, null, 2) + "\n";
}
