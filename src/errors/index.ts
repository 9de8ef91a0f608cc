// Error types shared by every layer. Layers throw these with the context they have;
// only cli/ turns them into text and exit codes.
export {
  ZtlabError,
  InputError,
  EnvironmentError,
  EngineError,
  CheckError,
  InternalError,
  isZtlabError,
} from "./ztlab-error.js";
export type { ErrorKind, ZtlabErrorOptions } from "./ztlab-error.js";
export { ValidationError } from "./validation-error.js";
export type { ValidationProblem } from "./validation-error.js";
