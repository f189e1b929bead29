// The command-line tools are clients of the API: the local product (`npm start`) by default, or a deployed
// authority's URL with a bearer token. One place for the base URL, the token and error reporting; the calls
// themselves go through the client typed by the OpenAPI document (domain/api-client.ts).
import { type ApiClient, type ApiErrorBody, answer, createApiClient } from '../domain/api-client';

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
    readonly body?: ApiErrorBody,
  ) {
    super(message);
  }
}

let client: ApiClient | undefined;

/**
 * The typed client (domain/api-client.ts) for API_URL, with API_TOKEN as bearer token when set. Made at
 * the first call, so a wrong API_URL is reported by the command that needs the API, not by `--help`.
 */
export function api(): ApiClient {
  if (!client) {
    const base = apiUrl();
    client = createApiClient({
      baseUrl: base,
      token: () => process.env.API_TOKEN,
      unreachable: (error) =>
        new ApiError(
          0,
          `cannot reach the API at ${base} (is \`npm start\` running?): ${(error as Error).message}`,
        ),
    });
  }
  return client;
}

/** The answer of a typed call; a 4xx/5xx is an ApiError saying the status, the path and the API's message. */
export const ok = <D>(call: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> =>
  answer(
    call,
    (failure) =>
      new ApiError(
        failure.status,
        `${failure.status} from ${failure.path}: ${failure.message}`,
        failure.body,
      ),
  );

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
