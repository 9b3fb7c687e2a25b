import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { AuthContext } from './context';
import { AuthError, SchemaError } from './errors';
import { confirm } from './routes/confirm';
import { confirmMfa } from './routes/confirm-mfa';
import { confirmPassword } from './routes/confirm-password';
import { forgotPassword } from './routes/forgot-password';
import { login } from './routes/login';
import { logout } from './routes/logout';
import { mfaVerify } from './routes/mfa-verify';
import { qrImage } from './routes/qr-image';
import { refreshToken } from './routes/refresh-token';
import { signUp } from './routes/sign-up';
import { userinfo } from './routes/userinfo';

/** The auth contract's routes (docs: /work/shared/design/auth-contract.md), one handler each. */
export function createApp(context: AuthContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(loopbackCors);
  app.use(express.json({ limit: '16kb' }));

  const v1 = express.Router();
  v1.post('/users', signUp(context));
  v1.post('/users/:user_id/confirm', confirm(context));
  v1.post('/users/:user_id/confirm-mfa', confirmMfa(context));
  v1.post('/login', login(context));
  v1.post('/mfa-verify', mfaVerify(context));
  v1.post('/refresh-token', refreshToken(context));
  v1.get('/userinfo', userinfo(context));
  v1.post('/logout', logout(context));
  v1.post('/forgot-password', forgotPassword(context));
  v1.post('/users/:user_id/confirm-password', confirmPassword(context));
  v1.get('/qr/:id.png', qrImage(context));
  app.use('/v1', v1);

  app.use((_request, response) => {
    response.status(404).json({ error_message: 'Not found' });
  });
  app.use(errorHandler);
  return app;
}

// The portal calls this service straight from the browser in development (another port, so
// another origin); only loopback origins are let in, matching the loopback-only bind.
const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

const loopbackCors: RequestHandler = (request, response, next) => {
  const origin = request.get('origin');
  if (origin && LOOPBACK_ORIGIN.test(origin)) {
    response.set({
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Api-Key',
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    });
  }
  if (request.method === 'OPTIONS') {
    response.status(204).end();
    return;
  }
  next();
};

interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && 'type' in error && 'status' in error;
}

const errorHandler: ErrorRequestHandler = (error: unknown, _request, response, _next) => {
  if (error instanceof SchemaError) {
    response.status(400).json({ message: error.message });
  } else if (error instanceof AuthError) {
    response.status(error.status).json({ error_message: error.message });
  } else if (isBodyParserError(error) && error.status >= 400 && error.status < 500) {
    const message =
      error.type === 'entity.parse.failed'
        ? 'Request body is not valid JSON'
        : error.type === 'entity.too.large'
          ? 'Request body is too large'
          : 'Request body could not be read';
    response.status(error.status).json({ message });
  } else {
    // Name and message only: request data (passwords, tokens) must never reach the log.
    const summary = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
    console.error(`local-auth: unexpected error: ${summary}`);
    response.status(500).json({ error_message: 'Internal error' });
  }
};
