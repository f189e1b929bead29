// The local server listens on loopback only, yet a browser on the same machine can still be made to call it:
// a page on another site can post a form to it (cross-site request forgery), and a name an attacker controls
// can be pointed at 127.0.0.1 so that a page of theirs reaches it as its own origin (DNS rebinding). So the
// local server answers only requests that name a loopback host (or one the developer configured) in Host, and
// takes a change (any method but GET, HEAD and OPTIONS) from a browser only when it comes from its own page.
// Non-browser clients (the CLIs, curl) send no Origin and no Sec-Fetch-Site, and are let through.

type Fetch = (request: Request, env?: unknown) => Response | Promise<Response>;

export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface GuardOptions {
  /** The port the server listens on (known once it listens). */
  port: () => number;
  /** Host names besides the loopback ones, e.g. a name the developer set up for this machine. */
  extraHosts?: readonly string[];
}

/** The host name of a Host header or URL host (`[::1]:3000` → `[::1]`, `Localhost:3000` → `localhost`). */
function hostName(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  return lower.split(':')[0] ?? '';
}

const refuse = (error: string, message: string) =>
  new Response(JSON.stringify({ error, message }), {
    status: 403,
    headers: { 'content-type': 'application/json' },
  });

/** Wraps the app's fetch with the Host and Origin checks. */
export function guardRequests(fetch: Fetch, options: GuardOptions): Fetch {
  const allowed = new Set([...LOOPBACK_HOSTS, ...(options.extraHosts ?? []).map(hostName)]);
  const names = [...allowed].join(', ');
  return (request, env) => {
    const host = request.headers.get('host') ?? '';
    if (!allowed.has(hostName(host)))
      return refuse(
        'host_not_allowed',
        `this local server answers only to ${names}, not to "${host}" (set LOCAL_HOSTS to add a name)`,
      );
    if (!SAFE_METHODS.has(request.method)) {
      const origin = request.headers.get('origin');
      const site = request.headers.get('sec-fetch-site');
      if (
        origin !== null
          ? !isOwnOrigin(origin, allowed, options.port())
          : site === 'cross-site' || site === 'same-site'
      )
        return refuse(
          'cross_site_request',
          `refused a ${request.method} from another site (${origin ?? site}): changes come only from this server's own page or from a command-line client`,
        );
    }
    return fetch(request, env);
  };
}

function isOwnOrigin(origin: string, allowed: Set<string>, port: number): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && allowed.has(url.hostname) && Number(url.port || 80) === port;
  } catch {
    return false; // "null" (a sandboxed frame, a file) or garbage
  }
}
