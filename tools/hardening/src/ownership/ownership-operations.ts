import { type ContractOperation, contractOperations } from '@enclave/api-contract';

/** The path parameters that make a resource someone's: whose it is, and which of theirs. */
export const OWNED_PARAMS = ['user_id', 'file_id', 'share_id'] as const;
export type OwnedParam = (typeof OWNED_PARAMS)[number];
/** A resource of the user the path names: never reachable through anyone else's path. */
export type ResourceParam = Exclude<OwnedParam, 'user_id'>;

export function isOwnedParam(name: string): name is OwnedParam {
  return (OWNED_PARAMS as readonly string[]).includes(name);
}

/** The `{names}` of an OpenAPI path template, in order. */
export function pathParamNames(operation: Pick<ContractOperation, 'path'>): string[] {
  return [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
}

/** The operations the matrix covers: every one whose path names a user, file or share. */
export function ownedOperations(): ContractOperation[] {
  return contractOperations().filter((operation) => pathParamNames(operation).some(isOwnedParam));
}

/** The public operations keyed by a secret share token (`x-secret` path parameter). */
export function publicTokenOperations(): ContractOperation[] {
  return contractOperations().filter(
    (operation) =>
      operation.public && operation.parameters.some((p) => p.in === 'path' && p.secret),
  );
}

/** The resource parameters of an operation's path (`file_id`, `share_id`), in order. */
export function resourceParams(operation: ContractOperation): ResourceParam[] {
  return pathParamNames(operation).filter(
    (name): name is ResourceParam => isOwnedParam(name) && name !== 'user_id',
  );
}

/** The operation's path with each `{name}` replaced by its value, percent-encoded. */
export function fillPath(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });
}

export function describeOperation(operation: ContractOperation): string {
  return `${operation.operationId} (${operation.method.toUpperCase()} ${operation.path})`;
}
