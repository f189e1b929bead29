// The product for a benchmark: DynamoDB Local in memory, the API on a free port, no demo data, no logs.
import { startLocal } from '../../infra/local/server';

export const startBenchRuntime = () =>
  startLocal({ inMemory: true, port: 0, seedDemo: false, configureApp: () => {}, log: () => {} });
