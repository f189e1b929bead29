// The product's local runtime for a benchmark, in its own process so its CPU time is its own: DynamoDB Local in
// memory and the API, no demo data. Prints one JSON line ({ url, dynamoEndpoint, dynamoPid, tableName }) when ready and
// stops when its standard input closes (the benchmark ending, however it ends).
import { startBenchRuntime } from './runtime';

const runtime = await startBenchRuntime();
process.stdout.write(
  `${JSON.stringify({ url: runtime.url, dynamoEndpoint: runtime.dynamoEndpoint, dynamoPid: runtime.dynamoPid(), tableName: runtime.tableName })}\n`,
);
process.stdin.resume();
process.stdin.on('end', () => {
  runtime.stop().then(() => process.exit(0));
});
