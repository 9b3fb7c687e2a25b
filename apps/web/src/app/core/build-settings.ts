// Replaced at build time (project.json `define`): where the auth service and the Enclave API live.
declare const AUTH_URL: string;
declare const FILE_URL: string;

export interface PortalSettings {
  /** The auth microservice, called straight from the browser (sign-up, sign-in, refresh). */
  authUrl: string;
  /** The Enclave API (the gateway in front of uploads, sharing and keys). */
  fileUrl: string;
}

export const BUILD_SETTINGS: PortalSettings = {
  authUrl: typeof AUTH_URL === 'string' ? AUTH_URL : 'http://127.0.0.1:3100',
  fileUrl: typeof FILE_URL === 'string' ? FILE_URL : 'http://127.0.0.1:3000',
};
