import type { ErrorObject } from 'ajv';
import type { ProblemFieldError } from '@enclave/errors';

/**
 * Turns Ajv's errors into field + sentence pairs a person (or a form) can act on: one per field,
 * the first rule it broke (e.g. "must not be empty" rather than also "bad format").
 */
export function toFieldErrors(location: string, errors: ErrorObject[]): ProblemFieldError[] {
  const seen = new Set<string>();
  const result: ProblemFieldError[] = [];
  for (const error of errors) {
    // `allOf`/`if` wrappers repeat what their inner keyword already said.
    if (error.keyword === 'allOf' || error.keyword === 'if') continue;
    const fieldError = { field: fieldOf(location, error), message: messageOf(error) };
    if (!seen.has(fieldError.field)) {
      seen.add(fieldError.field);
      result.push(fieldError);
    }
  }
  return result;
}

function fieldOf(location: string, error: ErrorObject): string {
  const segments = error.instancePath.split('/').slice(1).map(unescapePointer);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') segments.push(String(params['missingProperty']));
  if (error.keyword === 'additionalProperties') segments.push(String(params['additionalProperty']));
  return [location, ...segments].join('.');
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function messageOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a known field';
    case 'type':
      return `must be ${article(String(params['type']))}`;
    case 'minLength':
      return params['limit'] === 1
        ? 'must not be empty'
        : `must be at least ${String(params['limit'])} characters`;
    case 'maxLength':
      return `must be at most ${String(params['limit'])} characters`;
    case 'x-max-utf8-bytes':
      return `must be at most ${String(error.schema)} bytes of UTF-8`;
    case 'pattern':
      return typeof parent['x-pattern-message'] === 'string'
        ? parent['x-pattern-message']
        : 'is not in the expected format';
    case 'minimum':
      return `must be at least ${String(params['limit'])}`;
    case 'maximum':
      return `must be at most ${String(params['limit'])}`;
    case 'enum':
      return `must be one of: ${(params['allowedValues'] as unknown[]).join(', ')}`;
    case 'format':
      return typeof parent['x-format-message'] === 'string'
        ? withValue(parent['x-format-message'], error.data)
        : `must be a valid ${String(params['format'])}`;
    case 'minProperties':
      return `must name at least ${String(params['limit'])} field(s)`;
    case 'uniqueItems':
      return 'must not contain duplicates';
    case 'minItems':
      return `must have at least ${String(params['limit'])} item(s)`;
    case 'maxItems':
      return `must have at most ${String(params['limit'])} items`;
    default:
      return error.message ?? 'is invalid';
  }
}

/**
 * Fills `{value}` with the refused value, quoted as JSON (so a CR or LF shows as `\\r`, `\\n`)
 * and cut short: "which address?" is answered without echoing a whole payload.
 */
function withValue(message: string, value: unknown): string {
  if (!message.includes('{value}')) return message;
  const quoted = JSON.stringify(typeof value === 'string' ? value.slice(0, 100) : value) ?? '';
  return message.replace('{value}', quoted);
}

function article(type: string): string {
  if (type === 'integer') return 'a whole number';
  if (type === 'object') return 'a JSON object';
  if (type === 'array') return 'an array';
  if (type === 'null') return 'null';
  return `a ${type}`;
}
