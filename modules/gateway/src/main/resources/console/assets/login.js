'use strict';
// Console login: POST /api/login sets the HttpOnly session cookie, then on to the console.
document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('login-error');
  const button = document.getElementById('login-button');
  error.hidden = true;
  button.disabled = true;
  try {
    const response = await fetch('/api/login', {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({
        username: document.getElementById('username').value,
        password: document.getElementById('password').value,
      }),
    });
    if (response.ok) {
      window.location.replace('/');
      return;
    }
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
    error.textContent = detail;
    error.hidden = false;
  } catch (e) {
    error.textContent = 'The gateway cannot be reached: ' + e.message;
    error.hidden = false;
  } finally {
    button.disabled = false;
  }
});
