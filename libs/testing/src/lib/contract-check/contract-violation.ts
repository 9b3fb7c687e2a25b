/** One answer that openapi.yaml does not allow. */
export interface ContractViolation {
  /** The operationId the request matched, or undefined when no operation matches it. */
  operation: string | undefined;
  method: string;
  /** The request path without its query; `x-secret` parameters (share tokens) show as `{name}`. */
  path: string;
  status: number;
  /** What is wrong, one entry per rule broken (never the body's values: they may hold secrets). */
  problems: string[];
}

/**
 * The violations as one message, the same wrong answer counted once with how often it came (a
 * suite may repeat one request many times), e.g. for the Error a suite's afterAll throws.
 */
export function describeViolations(violations: readonly ContractViolation[], where = ''): string {
  const groups = new Map<string, { first: ContractViolation; count: number }>();
  for (const violation of violations) {
    const key = JSON.stringify([
      violation.operation ?? violation.path,
      violation.method,
      violation.status,
      violation.problems,
    ]);
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { first: violation, count: 1 });
  }
  const lines = [...groups.values()].map(({ first, count }) => {
    const times = count > 1 ? ` (×${count})` : '';
    const operation = first.operation ?? 'no operation';
    return `- ${operation}: ${first.method} ${first.path} → ${first.status}${times}: ${first.problems.join('; ')}`;
  });
  const subject = where ? `${where} answered` : 'Answers';
  return `${subject} ${violations.length} time(s) outside openapi.yaml:\n${lines.join('\n')}`;
}
