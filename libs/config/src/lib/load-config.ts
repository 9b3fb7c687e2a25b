import * as z from 'zod/mini';
import { en } from 'zod/v4/locales';

// zod/mini names no problem until told how: English sentences, as the classic API gives.
// jitless: config is parsed once per process, so compiling a fast parser for it is pure cost.
z.config({ ...en(), jitless: true });

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates environment variables once, at start. Every problem is named by its variable, so a
 * bad deployment fails fast with a message a person can act on.
 */
export function loadConfig<S extends z.ZodMiniType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = z.safeParse(schema, env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const given = issue.path.length ? env[String(issue.path[0])] : undefined;
      return given === undefined
        ? `${name}: ${issue.message}`
        : `${name}=${JSON.stringify(given)}: ${issue.message}`;
    }),
  );
}
