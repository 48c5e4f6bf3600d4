import { test, eq } from '../harness.js';
import { loginPage, loginRequest, returnTo, OWN_PAGE_HEADER } from '/js/loginform.js';

test('the login request is a JSON POST with the header the hub requires of its own pages', () => {
  const r = loginRequest('alice', 'pw"}', '/#/jobs');
  eq(r.method, 'POST');
  eq(r.headers[OWN_PAGE_HEADER], '1');
  eq(r.headers['Content-Type'], 'application/json');
  eq(JSON.parse(r.body).password, 'pw"}');
  eq(JSON.parse(r.body).return_to, '/#/jobs');
});

test('returnTo keeps local paths and sends anything else home', () => {
  eq(returnTo('?return_to=%2F%23%2Fjobs%2F42'), '/#/jobs/42');
  eq(returnTo(''), '/');
  eq(returnTo('?return_to=https%3A%2F%2Fevil.example'), '/');
  eq(returnTo('?return_to=%2F%2Fevil.example'), '/');
  eq(returnTo('?return_to=%2F%5Cevil.example'), '/');
});

test('loginPage comes back to the page the user was on', () => {
  eq(loginPage('/#/jobs?state=running'), '/login.html?return_to=%2F%23%2Fjobs%3Fstate%3Drunning');
  eq(returnTo(loginPage('/#/node/gpu-01').slice('/login.html'.length)), '/#/node/gpu-01');
});
