import {
  type ContractDocument,
  type OperationObject,
  type ParameterObject,
  type ResponseObject,
  resolveLocal,
} from './contract-document';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** One operation as the checker needs it: how to match a request, what it may answer. */
export interface CheckedOperation {
  operationId: string;
  method: string;
  /** The path template, e.g. `/v1/users/{user_id}/files/{file_id}`. */
  template: string;
  /** Each template segment: its literal text, or null for a `{parameter}`. */
  segments: (string | null)[];
  /** Path parameters marked `x-secret` (share tokens): reports show their name, never a value. */
  secretParameters: ReadonlySet<string>;
  /** Status (`'200'`, `'4XX'`, `'default'`) → response, `$ref`s resolved. */
  responses: ReadonlyMap<string, ResponseObject>;
}

/** Every operation in the document, most specific template first (literal segments win). */
export function checkedOperations(document: ContractDocument): CheckedOperation[] {
  const operations: CheckedOperation[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    const shared = (item['parameters'] ?? []) as ParameterObject[];
    for (const method of METHODS) {
      const operation = item[method] as OperationObject | undefined;
      if (!operation) continue;
      const parameters = [...shared, ...(operation.parameters ?? [])].map((p) =>
        resolveLocal<ParameterObject>(document, p),
      );
      operations.push({
        operationId: operation.operationId ?? `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        segments: template
          .split('/')
          .slice(1)
          .map((segment) => (/^\{[^}]+\}$/.test(segment) ? null : segment)),
        secretParameters: new Set(
          parameters.filter((p) => p.in === 'path' && p['x-secret']).map((p) => p.name),
        ),
        responses: new Map(
          Object.entries(operation.responses ?? {}).map(([status, response]) => [
            status,
            resolveLocal<ResponseObject>(document, response),
          ]),
        ),
      });
    }
  }
  // A literal segment is more specific than a parameter at the same place (`/a/me` before `/a/{id}`).
  const rank = (o: CheckedOperation) => o.segments.map((s) => (s === null ? '1' : '0')).join('');
  return operations.sort((a, b) => rank(a).localeCompare(rank(b)));
}

/** Whether `path` (no query) fits the template: each parameter is one non-empty segment. */
export function matchesTemplate(operation: CheckedOperation, path: string): boolean {
  const parts = path.split('/').slice(1);
  return (
    parts.length === operation.segments.length &&
    operation.segments.every((segment, i) =>
      segment === null ? parts[i] !== '' : segment === parts[i],
    )
  );
}

/** `path` as reports may show it: every `x-secret` parameter replaced by `{name}`. */
export function reportablePath(operation: CheckedOperation | undefined, path: string): string {
  if (!operation || operation.secretParameters.size === 0) return path;
  const parts = path.split('/');
  return operation.template
    .split('/')
    .map((segment, i) =>
      operation.secretParameters.has(segment.slice(1, -1)) ? segment : (parts[i] ?? ''),
    )
    .join('/');
}
