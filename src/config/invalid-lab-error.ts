import { ValidationError, type ValidationProblem } from "../errors/index.js";
import type { LabConfig } from "./lab-schema.js";
import type { Locate } from "./lab-source.js";

/**
 * A lab file with problems. It keeps what did parse (bad fields dropped, defaults in their
 * place) so the plan's cross-field rules can still run and every problem is reported at once.
 */
export class InvalidLabError extends ValidationError {
  readonly partial: LabConfig | undefined;
  readonly locate: Locate | undefined;

  constructor(
    problems: ValidationProblem[],
    {
      source,
      partial,
      locate,
    }: { source?: string; partial?: LabConfig; locate?: Locate | undefined },
  ) {
    super(problems, { source });
    this.partial = partial;
    this.locate = locate;
  }
}
