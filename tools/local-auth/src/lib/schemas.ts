import { z } from 'zod';
import { SchemaError } from './errors';

// E-mail is the username and unique regardless of case, so it is compared lower-cased everywhere.
const email = z.email().max(254).toLowerCase();
// Policy rules (upper, digit, …) are checked later so the answer can name the rule that failed.
const password = z.string().min(1).max(256);
const otp = z.string().regex(/^[0-9]{6}$/, 'must be 6 digits');

export const SignUpBody = z
  .object({
    full_name: z.string().trim().min(1).max(256),
    email,
    mobile_phone_number: z.string().regex(/^\+[0-9]{1,14}$/, 'must look like +15555550100'),
  })
  .strict();

export const ConfirmBody = z
  .object({ email, temporary_password: password, new_password: password })
  .strict();

export const ConfirmMfaBody = z.object({ email, otp }).strict();

export const LoginBody = z.object({ email, password }).strict();

export const MfaVerifyBody = z
  .object({
    email,
    verification_type: z.literal('SOFTWARE_TOKEN_MFA'),
    verification_session: z.string().min(1).max(512),
    otp_code: otp,
  })
  .strict();

export const RefreshTokenBody = z
  .object({ email, refresh_token: z.string().min(1).max(512) })
  .strict();

export const LogoutBody = z.object({ email, access_token: z.string().min(1).max(8192) }).strict();

export const ForgotPasswordBody = z.object({ email }).strict();

export const ConfirmPasswordBody = z
  .object({
    email,
    new_password: password,
    verification_code: z.string().regex(/^[0-9]{6}$/, 'must be 6 digits'),
  })
  .strict();

/** Parses `input` or throws a SchemaError listing every problem with its field. */
export function parseBody<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) =>
    issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
  );
  throw new SchemaError(problems.join('; '));
}
