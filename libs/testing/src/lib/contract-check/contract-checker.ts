import {
  type ContractDocument,
  readContractDocument,
  type ResponseObject,
} from './contract-document';
import {
  type CheckedOperation,
  checkedOperations,
  matchesTemplate,
  reportablePath,
} from './contract-operations';
import type { ContractViolation } from './contract-violation';
import { ResponseSchemas } from './response-schemas';

/** One request and the answer it got, as it crossed the wire. */
export interface ObservedExchange {
  method: string;
  /** The request target: path and query. */
  url: string;
  status: number;
  /** The Content-Type header, parameters included. */
  contentType: string | undefined;
  /** The body, decoded from any Content-Encoding; undefined when it was too large to hold. */
  body: Buffer | undefined;
}

/**
 * Checks answers against openapi.yaml independently of the services' own validator: the status
 * must be declared for the operation the method and path name (`default` stands for 5xx only, so
 * every 4xx must be listed), the Content-Type must be one the status declares, and a JSON body
 * must match its schema (problem+json included, whose `status` must be the HTTP status).
 */
export class ContractChecker {
  private readonly operations: CheckedOperation[];
  private readonly schemas: ResponseSchemas;
  private readonly problemSchema: unknown;

  constructor(document: ContractDocument = readContractDocument()) {
    this.operations = checkedOperations(document);
    this.schemas = new ResponseSchemas(document);
    this.problemSchema = document.components?.schemas?.['Problem']
      ? { $ref: '#/components/schemas/Problem' }
      : undefined;
  }

  /** The violation this exchange is, or undefined when the contract allows it. */
  check(exchange: ObservedExchange): ContractViolation | undefined {
    const method = exchange.method.toUpperCase();
    const path = exchange.url.split('?', 1)[0] ?? '/';
    const declares = (m: string) =>
      this.operations.find((o) => o.method === m && matchesTemplate(o, path));
    // A HEAD the contract does not list is the GET without its body, as HTTP defines it.
    const operation = declares(method) ?? (method === 'HEAD' ? declares('GET') : undefined);
    let problems: string[];
    if (operation) {
      problems = this.operationProblems(operation, exchange, method === 'HEAD');
    } else {
      // The contract lists no OPTIONS: a browser's CORS preflight, which the services answer.
      if (method === 'OPTIONS') return undefined;
      problems = this.outsideContractProblems(path, exchange);
    }
    if (problems.length === 0) return undefined;
    return {
      operation: operation?.operationId,
      method,
      path: reportablePath(operation, path),
      status: exchange.status,
      problems,
    };
  }

  private operationProblems(
    operation: CheckedOperation,
    exchange: ObservedExchange,
    head: boolean,
  ): string[] {
    const { status } = exchange;
    const response =
      operation.responses.get(String(status)) ??
      operation.responses.get(`${String(status)[0]}XX`) ??
      (status >= 500 ? operation.responses.get('default') : undefined);
    if (!response) {
      const declared = [...operation.responses.keys()].join(', ');
      return [`status ${status} is not declared (declared: ${declared}; default covers 5xx only)`];
    }
    return this.bodyProblems(response, exchange, head);
  }

  /** A path or method the contract lacks may only be refused: 404 (or 405) as a problem. */
  private outsideContractProblems(path: string, exchange: ObservedExchange): string[] {
    const knownPath = this.operations.some((o) => matchesTemplate(o, path));
    const allowed = knownPath ? [404, 405] : [404];
    if (!allowed.includes(exchange.status)) {
      return [
        `openapi.yaml has no operation for this ${knownPath ? 'method' : 'path'}, ` +
          `so only ${allowed.join(' or ')} (a problem) may answer it`,
      ];
    }
    const problem: ResponseObject = {
      content: { 'application/problem+json': { schema: this.problemSchema } },
    };
    return this.bodyProblems(problem, exchange, exchange.method.toUpperCase() === 'HEAD');
  }

  private bodyProblems(response: ResponseObject, exchange: ObservedExchange, head: boolean) {
    const { status, body } = exchange;
    if (body === undefined) return [`the body is too large to check (no service answer should be)`];
    const declared = Object.keys(response.content ?? {});
    if (declared.length === 0) {
      return body.length > 0 ? [`${status} declares no body, yet ${body.length} bytes came`] : [];
    }
    const mediaType = exchange.contentType?.split(';', 1)[0]?.trim().toLowerCase();
    if (!mediaType) return [`no Content-Type (declared for ${status}: ${declared.join(', ')})`];
    const match = declared.find((range) => mediaRangeIncludes(range, mediaType));
    if (!match) {
      return [
        `Content-Type ${mediaType} is not declared for ${status} (declared: ${declared.join(', ')})`,
      ];
    }
    if (head || !isJson(mediaType)) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return [`the ${mediaType} body is not JSON (${body.length} bytes)`];
    }
    const schema = response.content?.[match]?.schema;
    const problems = schema === undefined ? [] : this.schemas.checkFor(schema)(parsed);
    if (mediaType === 'application/problem+json') problems.push(...problemStatus(parsed, status));
    return problems;
  }
}

/** RFC 9457: a problem's `status`, when present, is the HTTP status it came with. */
function problemStatus(problem: unknown, status: number): string[] {
  const claimed = (problem as { status?: unknown } | null)?.status;
  return typeof claimed === 'number' && claimed !== status
    ? [`the problem's status ${claimed} is not the HTTP status ${status}`]
    : [];
}

function mediaRangeIncludes(range: string, mediaType: string): boolean {
  const [type, subtype] = range.toLowerCase().split('/');
  const [actualType, actualSubtype] = mediaType.split('/');
  return (type === '*' || type === actualType) && (subtype === '*' || subtype === actualSubtype);
}

function isJson(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

let shared: ContractChecker | undefined;

/** One checker per test process: openapi.yaml is read and its schemas compiled once. */
export function sharedContractChecker(): ContractChecker {
  return (shared ??= new ContractChecker());
}
