// A typed model of Terraform's JSON configuration syntax. Every string value in that syntax is a
// template, so literal text and Terraform expressions are kept apart here and joined only by
// renderTerraformJson, the one place that escapes `${` and `%{`.

/** A Terraform expression, rendered as `${...}`: a reference, a function call. */
export class TfExpression {
  constructor(readonly expression: string) {}
}

/** Literal text with interpolated expressions; the literal parts reach Terraform escaped. */
export class TfTemplate {
  constructor(readonly parts: readonly (string | TfExpression)[]) {}
}

export type TfValue =
  | string
  | number
  | boolean
  | null
  | TfExpression
  | TfTemplate
  | readonly TfValue[]
  | { readonly [key: string]: TfValue | undefined };

export type TfBody = { readonly [argument: string]: TfValue | undefined };

export interface TfProviderRequirement {
  source: string;
  version: string;
}

/** One `*.tf.json` document. Maps are keyed by type, then by name, as Terraform's JSON syntax is. */
export interface TfDocument {
  terraform?: {
    required_version?: string;
    required_providers?: Record<string, TfProviderRequirement>;
    backend?: Record<string, TfBody>;
    cloud?: TfBody;
  };
  provider?: Record<string, TfBody | TfBody[]>;
  variable?: Record<string, TfBody>;
  locals?: TfBody;
  data?: Record<string, Record<string, TfBody>>;
  resource?: Record<string, Record<string, TfBody>>;
  module?: Record<string, TfBody>;
  output?: Record<string, TfBody>;
}

/** `${expression}`: a reference or function call. */
export function tfExpr(expression: string): TfExpression {
  return new TfExpression(expression);
}

/** A template of literal text and expressions, e.g. tfTemplate`id=${tfExpr("x.id")}`. */
export function tfTemplate(parts: readonly (string | TfExpression)[]): TfTemplate {
  return new TfTemplate(parts);
}

/** The address of a resource for references: `type.name`, or `type.name["key"]` for for_each. */
export function resourceAddress(type: string, name: string, key?: string): string {
  return key === undefined ? `${type}.${name}` : `${type}.${name}[${JSON.stringify(key)}]`;
}
