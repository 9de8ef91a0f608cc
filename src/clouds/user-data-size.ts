import { gzipSync } from "node:zlib";
import { InputError } from "../errors/index.js";
import type { PlannedNode } from "../plan/index.js";
import type { CloudModule, UserDataFormat } from "./cloud-module.js";

/** Size in bytes of a script once encoded the way its cloud's user-data argument takes it. */
export function encodedUserDataSize(script: string, encoding: UserDataFormat["encoding"]): number {
  const raw = Buffer.from(script, "utf8");
  if (encoding === "plain") return raw.length;
  // Terraform's gzip uses Go's default level, as Node's does; sizes may differ by a few bytes.
  const payload = encoding === "base64gzip" ? gzipSync(raw) : raw;
  return 4 * Math.ceil(payload.length / 3);
}

/**
 * Rejects a node whose first-boot script, once encoded, is larger than its cloud accepts.
 * `script` is the script text with state values filled in (see bootScriptText). Returns the size.
 */
export function checkUserDataSize(node: PlannedNode, module: CloudModule, script: string): number {
  const { encoding, limitBytes } = module.userData;
  const size = encodedUserDataSize(script, encoding);
  if (limitBytes === undefined || size <= limitBytes) return size;
  const form = encoding === "plain" ? "" : ` after ${encoding} encoding`;
  throw new InputError(
    `instances.${node.name}: first-boot script is ${size} bytes${form}, ` +
      `over the ${module.cloud} user-data limit of ${limitBytes} bytes`,
    {
      code: "user-data-too-large",
      hint: "remove users or extra boot steps from this node, or move it to another cloud",
    },
  );
}
