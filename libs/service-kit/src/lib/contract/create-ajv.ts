import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { isMediaType } from './media-type';
import { componentsSchema } from './contract-schemas';

/** An Ajv for openapi.yaml's schemas: its formats, its `x-` keywords, its components. */
export function createAjv(coerceTypes: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    useDefaults: true,
    coerceTypes,
    strict: true,
    strictRequired: false,
    // OpenAPI 3.1 allows `x-` annotations and a few keywords of its own inside schemas.
    keywords: [
      'x-pattern-message',
      'x-format-message',
      'example',
      'discriminator',
      'xml',
      'externalDocs',
    ],
  });
  addFormats(ajv);
  ajv.addFormat('media-type', { type: 'string', validate: isMediaType });
  ajv.addKeyword({
    keyword: 'x-max-utf8-bytes',
    type: 'string',
    schemaType: 'number',
    // S3 limits keys in bytes, not characters.
    validate: (max: number, data: string) => Buffer.byteLength(data, 'utf8') <= max,
  });
  ajv.addSchema(componentsSchema() as object);
  return ajv;
}
