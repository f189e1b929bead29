// The CDK app (cdk.json runs it): `npx cdk synth -c authority=<slug>` for one authority, all without.

import { assembleApp } from './assemble';
import { ConfigError } from './config';

try {
  assembleApp().app.synth();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
