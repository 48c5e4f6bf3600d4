import { test, eq } from '../harness.js';
import { ApiError, createApi } from '/js/api.js';
import { LOGIN_PAGE, onUnauthorized, whoLabel } from '/js/login.js';

test('whoLabel names the user, the role and an instructor\'s accounts; nobody in mode none', () => {
  eq(whoLabel({ user: 'alice', role: 'participant', accounts: [], login: 'proxy' }), 'alice \u00b7 participant');
  eq(whoLabel({ user: 'tina', role: 'instructor', accounts: ['cs101', 'cs102'], login: 'ldap' }),
    'tina \u00b7 instructor (cs101, cs102)');
  eq(whoLabel({ user: null, role: 'operator', accounts: [], login: 'none' }), null);
});

test('a 401 behind a proxy is a message, with a login page a redirect that comes back', () => {
  const here = { pathname: '/', search: '', hash: '#/job/47 11' };
  eq(onUnauthorized('proxy', here).redirect, undefined);
  eq(onUnauthorized('proxy', here).message.startsWith('You are not logged in.'), true);
  eq(onUnauthorized('ldap', here).redirect, LOGIN_PAGE + '?return_to=%2F%23%2Fjob%2F47%2011');
  eq(onUnauthorized('oidc', here).redirect, '/auth/login?return_to=%2F%23%2Fjob%2F47%2011');
});

test('the API error of a 401 carries how to log in', async () => {
  const api = createApi(async () => new Response('{"error":"not logged in","login":"proxy"}', { status: 401 }));
  try {
    await api.whoami();
    throw new Error('no error');
  } catch (e) {
    eq(e instanceof ApiError, true);
    eq(e.status, 401);
    eq(e.login, 'proxy');
  }
});
