// Builds the CDK app: one stack per authority, with cdk-nag's AWS Solutions checks on every stack.
// Shared by the `cdk` entry (infra/app.ts) and the infra tests.
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type AuthorityConfig, authoritySlugs, loadAuthorityConfig } from './config';
import { SendStack, stackNameOf } from './stack';

export interface AssembleOptions extends AppProps {
  /** Authorities to synthesise; default: every file in infra/authorities. */
  authorities?: (string | AuthorityConfig)[];
  /** false: skip esbuild bundling (unit tests); the template is the same apart from asset hashes. */
  bundle?: boolean;
}

export function assembleApp({ authorities, bundle = true, ...appProps }: AssembleOptions = {}) {
  const app = new App({
    ...appProps,
    context: { ...appProps.context, ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const fromContext = app.node.tryGetContext('authority') as string | undefined;
  const configs = (authorities ?? (fromContext ? [fromContext] : authoritySlugs())).map((entry) =>
    typeof entry === 'string' ? loadAuthorityConfig(entry) : entry,
  );
  const stacks = configs.map((config) => new SendStack(app, stackNameOf(config.slug), { config }));
  return { app, stacks };
}
