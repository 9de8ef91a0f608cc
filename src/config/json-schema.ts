import { z } from "zod";
import { labSchema } from "./lab-schema.js";

/** JSON Schema of the lab file as a person writes it (defaults are optional). */
export function labJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(labSchema, { io: "input", unrepresentable: "any" }),
    title: "ztlab lab file",
  };
}
