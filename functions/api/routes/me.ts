// GET /me: who the API takes the caller to be and their groups. The dashboard shows and hides actions from
// these groups and the route table (infra/route-access.ts); the routes refuse what a group may not do
// regardless.
import type { RouteHandlers } from '../app';
import { requireIdentity } from '../identity';

export const meRoutes: RouteHandlers<'me'> = {
  'GET /me': (c) => {
    const { userId, name, groups } = requireIdentity(c);
    return c.json({ userId, name, groups });
  },
};
