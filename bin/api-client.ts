// The command-line tools are clients of the API: the local product (`npm start`) by default, or a deployed
// authority's URL with a bearer token. One place for the base URL, the token and error reporting.
export function apiUrl(): string {
  const raw = process.env.API_URL ?? 'http://localhost:3000';
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    // not an address at all: said below
  }
  // `localhost:3000` parses as a URL with the scheme "localhost:", so the scheme is checked too.
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new ConfigError(
      `API_URL "${raw}" is not a web address: write it with http:// or https://, e.g. API_URL=http://localhost:3000 (the local product) or a deployed authority's ApiUrl`,
    );
  return raw.replace(/\/$/, '');
}

/** A setting in the environment is wrong: said once, without the usage (the command line was fine). */
export class ConfigError extends Error {}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

/** Calls the API and returns the parsed JSON (or raw bytes for `as: 'bytes'`); a 4xx/5xx is an ApiError. */
export async function callApi<T = unknown>(
  path: string,
  init: { method?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (process.env.API_TOKEN) headers.authorization = `Bearer ${process.env.API_TOKEN}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const base = apiUrl();
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method: init.method ?? (init.json !== undefined || init.body !== undefined ? 'POST' : 'GET'),
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
  } catch (error) {
    throw new ApiError(
      0,
      `cannot reach the API at ${base} (is \`npm start\` running?): ${(error as Error).message}`,
    );
  }
  const text = await response.text();
  const body = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const message =
      (body as { message?: string } | undefined)?.message ?? (text.slice(0, 200) || response.statusText);
    throw new ApiError(response.status, `${response.status} from ${path}: ${message}`, body);
  }
  return body as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Runs a CLI main: usage errors exit 2, API and other failures exit 1, each as one line on stderr. */
export async function runCli(main: () => Promise<void>, usage: string): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${usage}`);
      process.exit(2);
    }
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

export class UsageError extends Error {}
