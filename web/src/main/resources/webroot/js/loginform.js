// Pure parts of the login page, tested in jstest/specs/loginform.spec.js.

/** The header the hub requires on /auth/login and /auth/logout (SameOriginPost.HEADER). */
export const OWN_PAGE_HEADER = 'X-Clusterwatch-Request';

/** The fetch options of POST /auth/login. */
export function loginRequest(user, password, target) {
  return {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      [OWN_PAGE_HEADER]: '1',
    },
    body: JSON.stringify({ user, password, return_to: target }),
  };
}

/**
 * The local path to go to after the login, from ?return_to= of the page's query; "/" when absent
 * or not a path on this hub (the hub checks again: this only avoids a useless round trip).
 */
export function returnTo(search) {
  const value = new URLSearchParams(search).get('return_to');
  if (!value || value[0] !== '/' || value[1] === '/' || value.includes('\\')) return '/';
  return value;
}

/** The login page's address that comes back to `here` (path, query and hash of the page). */
export function loginPage(here) {
  return '/login.html?return_to=' + encodeURIComponent(here || '/');
}
