import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ContractDocument } from './contract-document';

// The schema every `#/components/...` reference is rebased onto, so each response schema compiles
// on its own while sharing one copy of the components.
const COMPONENTS_ID = 'enclave-contract-components';

// RFC 9110 §8.3.1 media type: type "/" subtype *( OWS ";" OWS [ token "=" ( token / quoted-string ) ] ).
// Written here rather than taken from service-kit, so a mistake there is not repeated here.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED = '"(?:[\\t !#-\\[\\]-~]|\\\\[\\t -~])*"';
const MEDIA_TYPE = new RegExp(
  `^${TOKEN}/${TOKEN}(?:[ \\t]*;[ \\t]*(?:${TOKEN}=(?:${TOKEN}|${QUOTED}))?)*$`,
);

/** A compiled JSON Schema check; `problems` names each failure (where, what), never the data. */
export type BodyCheck = (body: unknown) => string[];

/**
 * Compiles openapi.yaml's schemas with its own Ajv (JSON Schema 2020-12, as OpenAPI 3.1 is),
 * its custom format and keyword, lazily and once per schema.
 */
export class ResponseSchemas {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<unknown, ValidateFunction>();

  constructor(document: ContractDocument) {
    // Annotations (`x-pattern-message`, `description`, …) are not rules: strict mode is off.
    this.ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(this.ajv);
    this.ajv.addFormat('media-type', { type: 'string', validate: (v) => MEDIA_TYPE.test(v) });
    this.ajv.addKeyword({
      keyword: 'x-max-utf8-bytes',
      type: 'string',
      schemaType: 'number',
      validate: (max: number, data: string) => Buffer.byteLength(data, 'utf8') <= max,
    });
    this.ajv.addSchema({ $id: COMPONENTS_ID, components: rebased(document.components ?? {}) });
  }

  /** The check for `schema` (a schema object from the document, compared by identity). */
  checkFor(schema: unknown): BodyCheck {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(rebased(schema) as object);
      this.compiled.set(schema, validate);
    }
    const run = validate;
    return (body) => (run(body) ? [] : (run.errors ?? []).slice(0, 10).map(describeError));
  }
}

function describeError(error: ErrorObject): string {
  return `body${error.instancePath.replace(/\//g, '.')} ${error.message ?? 'is invalid'}`;
}

/** A deep copy whose local `$ref`s (`#/components/…`) point into the components schema. */
function rebased(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rebased);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#/')
        ? `${COMPONENTS_ID}${inner}`
        : rebased(inner),
    ]),
  );
}
