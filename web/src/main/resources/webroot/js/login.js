// Who is logged in (GET /api/v1/whoami) and what to do when the hub answers 401 (docs/API.md,
// "Logins and roles"). Pure functions: main.js applies them to the page.

import { loginPage } from './loginform.js';

/** The login page of auth.mode ldap (served by the hub). */
export const LOGIN_PAGE = '/login.html';

/**
 * The header's "who" text from a whoami body: "alice · participant", "tina · instructor (cs101,
 * cs102)"; null in auth.mode none, where nobody logs in.
 */
export function whoLabel(who) {
  if (!who || who.user === null || who.user === undefined) return null;
  const accounts = who.accounts && who.accounts.length ? ' (' + who.accounts.join(', ') + ')' : '';
  return who.user + ' \u00b7 ' + who.role + accounts;
}

/**
 * What to do after a 401 whose body named the login method: behind a proxy (auth.mode proxy) there
 * is no login form, so the page says so; otherwise it goes to the login page and comes back here.
 *
 * @param login the 401 body's "login" field
 * @param location the page's location (pathname, search, hash)
 * @returns {{redirect: string}} or {{message: string}}
 */
export function onUnauthorized(login, location) {
  if (login === 'proxy') {
    return {
      message:
        'You are not logged in. This hub takes your login from the site\u2019s portal: open the dashboard through it '
        + '(for example Open OnDemand), not at this address directly.',
    };
  }
  const back = location.pathname + location.search + location.hash;
  if (login === 'oidc') {
    // The identity provider's own login page: the hub's /auth/login starts the flow.
    return { redirect: '/auth/login?return_to=' + encodeURIComponent(back) };
  }
  return { redirect: loginPage(back) };
}
