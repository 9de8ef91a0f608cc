import { parse, printParseErrorCode, type ParseError } from "jsonc-parser";

export interface JsonSyntaxProblem {
  message: string;
  /** Offset of the problem in the text, 0-based. */
  offset: number;
}

/** Problems that make the text invalid JSON (comments and trailing commas included). */
export function checkJsonSyntax(text: string): JsonSyntaxProblem[] {
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: false, disallowComments: true });
  return errors.map(({ error, offset }) => ({ message: describe(error), offset }));
}

// Turns "PropertyNameExpected" into "property name expected".
function describe(code: ParseError["error"]): string {
  return printParseErrorCode(code)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
}
