// The local runtime's switch for acting as one group: open the dashboard at `/?as=readers` (or caseworkers,
// planners, finance) and the browser acts as the local developer in that group only, until `/?as=all`. A
// cookie carries the choice to the API calls the page makes. Browser tests use it to see each group's
// dashboard; nothing of it is in a Lambda bundle (only infra/local imports it).
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { App } from '../../functions/api/app';
import { GROUPS, type Group, type Identity, type IdentitySource } from '../../functions/api/identity';

export const ACT_AS_COOKIE = 'send-local-as';
const EVERY_GROUP = 'all';

const isGroup = (value: string | undefined): value is Group =>
  value !== undefined && (GROUPS as readonly string[]).includes(value);

/** The developer narrowed to the group the cookie names; every group without one. */
export const actAsIdentity =
  (developer: Identity): IdentitySource =>
  (c: Context) => {
    const group = getCookie(c, ACT_AS_COOKIE);
    return isGroup(group) ? { ...developer, groups: [group] } : developer;
  };

/** `GET /?as=<group>` sets the cookie, `?as=all` clears it; another value is a 400 naming the choices. */
export function mountActAsSwitch(app: App): void {
  app.use('/', async (c, next) => {
    const as = c.req.query('as');
    if (as === undefined) return next();
    if (as === EVERY_GROUP) setCookie(c, ACT_AS_COOKIE, '', { path: '/', maxAge: 0, sameSite: 'Strict' });
    else if (isGroup(as)) setCookie(c, ACT_AS_COOKIE, as, { path: '/', httpOnly: true, sameSite: 'Strict' });
    else
      return c.json(
        {
          error: 'validation_failed',
          message: 'invalid as',
          errors: [{ field: 'query.as', message: `expected one of ${[...GROUPS, EVERY_GROUP].join(', ')}` }],
        },
        400,
      );
    return next();
  });
}
