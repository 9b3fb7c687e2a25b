/**
 * The parent's environment minus AWS_* variables: a developer's real credentials, profile,
 * endpoints or session token must not leak into a local service (a session token would even be
 * signed into presigned URLs that the local S3 then rejects); serviceEnv supplies the AWS settings.
 * AWS_SDK_JS_* only tunes the SDK itself and is kept.
 */
export function inheritedEnv(parent: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value !== undefined && (!name.startsWith('AWS_') || name.startsWith('AWS_SDK_JS_')))
      result[name] = value;
  }
  return result;
}
