// The login page (auth.mode: ldap): posts the name and password to /auth/login as JSON with the
// header the hub requires of its own pages (cross-site request guard), then goes where the user
// was headed. The hub answers every failure with one message; it is shown as sent. With
// auth.mode: oidc the hub sends a refused login here too; the form then gives way to a link that
// starts the provider's login again.

import { loginRequest, returnTo } from './loginform.js';

const form = document.getElementById('login');
const error = document.getElementById('login-error');
const submit = document.getElementById('submit');

function show(message) {
  error.textContent = message;
  error.classList.remove('hidden');
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  submit.disabled = true;
  error.classList.add('hidden');
  try {
    const req = loginRequest(
      form.elements.user.value,
      form.elements.password.value,
      returnTo(location.search),
    );
    const res = await fetch('/auth/login', req);
    let body = null;
    try {
      body = await res.json();
    } catch (e) {
      body = null;
    }
    if (res.ok && body) {
      location.assign(body.return_to || '/');
      return;
    }
    show((body && body.error) || 'login failed: HTTP ' + res.status);
    form.elements.password.value = '';
    form.elements.password.focus();
  } catch (e) {
    show('the hub could not be reached: ' + e.message);
  } finally {
    submit.disabled = false;
  }
});

if (new URLSearchParams(location.search).has('failed')) {
  show('login failed');
}
form.elements.user.focus();

// The 401 of whoami names the login method (docs/API.md); only ldap logs in with this form.
fetch('/api/v1/whoami', { credentials: 'same-origin' })
  .then((res) => (res.status === 401 ? res.json() : null))
  .then((body) => {
    if (body && body.login === 'oidc') {
      for (const el of form.querySelectorAll('label, input, button')) el.classList.add('hidden');
      const again = document.createElement('a');
      again.href = '/auth/login?return_to=' + encodeURIComponent(returnTo(location.search));
      again.textContent = 'Log in at the identity provider';
      again.dataset.testid = 'login-oidc';
      form.appendChild(again);
    }
  })
  .catch(() => {});
