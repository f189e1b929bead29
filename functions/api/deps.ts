// What the routes need, injected: stores (ports, with DynamoDB adapters in functions/store) and a clock.
// Each capability adds its own port here.
export interface AppDeps {
  now: () => Date;
}
