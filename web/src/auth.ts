// Sign-in for a deployed stack: Cognito's hosted UI, OAuth authorization code with PKCE (a public client, no
// secret in the page). The read function serves `assets/config.json` with the pool's domain and client id;
// the local runtime serves `{"auth": null}` because it injects a developer identity itself.

interface AuthConfig {
  /** Hosted UI base, e.g. https://send-demo.auth.eu-west-2.amazoncognito.com */
  domain: string;
  clientId: string;
  /** Must equal a callback URL registered on the client (the authority's dashboardUrl). */
  redirectUri: string;
}

const TOKEN_KEY = 'send.token';
const VERIFIER_KEY = 'send.pkce';

let accessToken: string | undefined;
let signIn: AuthConfig | undefined;

export const bearerToken = (): string | undefined => accessToken;

const base64Url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

async function redirectToSignIn(auth: AuthConfig): Promise<never> {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  sessionStorage.setItem(VERIFIER_KEY, verifier);
  const challenge = base64Url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  const url = new URL('/oauth2/authorize', auth.domain);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: auth.redirectUri,
    scope: 'openid email profile',
    code_challenge_method: 'S256',
    code_challenge: challenge,
    state: location.hash || '#/overview',
  }).toString();
  location.assign(url.toString());
  return new Promise<never>(() => {});
}

async function exchangeCode(auth: AuthConfig, code: string): Promise<void> {
  const response = await fetch(new URL('/oauth2/token', auth.domain), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: auth.clientId,
      code,
      redirect_uri: auth.redirectUri,
      code_verifier: sessionStorage.getItem(VERIFIER_KEY) ?? '',
    }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const { access_token, expires_in } = (await response.json()) as {
    access_token: string;
    expires_in: number;
  };
  accessToken = access_token;
  sessionStorage.setItem(
    TOKEN_KEY,
    JSON.stringify({ token: access_token, expiresAt: Date.now() + expires_in * 1000 }),
  );
  sessionStorage.removeItem(VERIFIER_KEY);
}

/** Resolves once API calls can be made: at once locally, after the hosted UI round trip when deployed. */
export async function ensureSignedIn(): Promise<void> {
  const response = await fetch('./assets/config.json', { headers: { accept: 'application/json' } });
  const { auth } = response.ok ? ((await response.json()) as { auth: AuthConfig | null }) : { auth: null };
  if (!auth) return;
  signIn = auth;

  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (code) {
    await exchangeCode(auth, code);
    history.replaceState(null, '', `${location.pathname}${params.get('state') ?? '#/overview'}`);
    return;
  }
  const stored = JSON.parse(sessionStorage.getItem(TOKEN_KEY) ?? 'null') as {
    token: string;
    expiresAt: number;
  } | null;
  if (stored && stored.expiresAt > Date.now() + 60_000) {
    accessToken = stored.token;
    return;
  }
  await redirectToSignIn(auth);
}

/** After a 401 (the token expired mid-session): back to the hosted UI. False when there is no sign-in here. */
export function signInAgain(): boolean {
  if (!signIn) return false;
  sessionStorage.removeItem(TOKEN_KEY);
  accessToken = undefined;
  void redirectToSignIn(signIn);
  return true;
}
