// ALERT_CONFIG: what the stack tells the functions about the authority's alerts (from its config file).
import { AlertThresholds } from '../../domain/alerts';
import * as z from '../../domain/zod';

export const AlertConfig = z.object({
  authority: z.string().min(1),
  authorityName: z.string().min(1),
  laCode: z.string().regex(/^\d{3}$/),
  dashboardUrl: z.string().url(),
  thresholds: AlertThresholds,
  shortfallHorizonsMonths: z.array(z.number().int().min(1).max(120)).min(1),
});
export type AlertConfig = z.infer<typeof AlertConfig>;

/** Parses the JSON in an environment variable, naming the variable and field when it is wrong. */
export function alertConfigFromEnv(raw: string | undefined, variable = 'ALERT_CONFIG'): AlertConfig {
  if (!raw) throw new Error(`${variable} is not set`);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error(`${variable} is not valid JSON`);
  }
  const parsed = AlertConfig.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `${variable}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`).join('; ')}`,
    );
  return parsed.data;
}
