import { PORTAL_META } from '@enclave/service-registry';

// Replaced at build time (project.json `define`): where the auth service and the Enclave API live.
declare const AUTH_URL: string;
declare const FILE_URL: string;

export interface PortalSettings {
  /** The auth microservice, called straight from the browser (sign-up, sign-in, refresh). */
  authUrl: string;
  /** The Enclave API (the gateway in front of uploads, sharing and keys). */
  fileUrl: string;
}

/**
 * The addresses built in, unless the page that loaded the portal names others in its PORTAL_META
 * tags (`npm start` does, so the portal follows the ports the local stack was given). Only an absolute
 * http(s) URL without query or fragment is taken; anything else leaves the built-in address.
 */
export function portalSettings(page: Pick<Document, 'querySelector'> | undefined): PortalSettings {
  const built: PortalSettings = {
    authUrl: typeof AUTH_URL === 'string' ? AUTH_URL : 'http://127.0.0.1:3100',
    fileUrl: typeof FILE_URL === 'string' ? FILE_URL : 'http://127.0.0.1:3000',
  };
  const fromPage = (name: string, fallback: string) => {
    const content = page?.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? '';
    return isBaseUrl(content) ? content.replace(/\/+$/, '') : fallback;
  };
  return {
    authUrl: fromPage(PORTAL_META.authUrl, built.authUrl),
    fileUrl: fromPage(PORTAL_META.fileUrl, built.fileUrl),
  };
}

function isBaseUrl(text: string): boolean {
  if (!/^https?:\/\//.test(text)) return false;
  try {
    const url = new URL(text);
    return url.search === '' && url.hash === '' && !text.includes('#');
  } catch {
    return false;
  }
}

export const BUILD_SETTINGS: PortalSettings = portalSettings(
  typeof document === 'undefined' ? undefined : document,
);
