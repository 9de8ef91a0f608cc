import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The package version, read once from package.json (two levels up from src/cli or dist/cli). */
export const VERSION: string = (require("../../package.json") as { version: string }).version;
