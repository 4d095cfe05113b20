// The harness's doors, through a real browser: the page loads with its token, the CSP holds,
// and nothing without the token or from another origin reaches the services.
import { expect, test } from './fixtures.js';
import { fetchStatusInPage, saveScreen } from './helpers.js';

test('the sign-in page loads with the token and then drops it from the address bar', async ({ page, harness }) => {
  await expect(page.getByRole('button', { name: 'サインイン', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  await saveScreen(page, 'sign-in');

  // A reload keeps working: the token waits in this tab's sessionStorage.
  await page.reload();
  await expect(page.getByRole('button', { name: 'サインイン', exact: true })).toBeVisible();
  expect(page.url()).toBe(`${harness.origin}/`);
});

test('the CSP refuses eval and inline script', async ({ page }) => {
  // Code Playwright evaluates is exempt from the CSP while it runs (DevTools allows eval for
  // it), so the page's own task must try eval: a timer callback is one.
  const evalOutcome = await page.evaluate(
    () =>
      new Promise<{ thrown: string; directive: string }>((resolve) => {
        let thrown = 'nothing';
        document.addEventListener('securitypolicyviolation', (e) => resolve({ thrown, directive: e.effectiveDirective }), { once: true });
        setTimeout(() => {
          try {
            eval('1');
          } catch (error) {
            thrown = (error as Error).name;
          }
        }, 0);
      }),
  );
  expect(evalOutcome).toEqual({ thrown: 'EvalError', directive: 'script-src' });

  const inline = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
        const script = document.createElement('script');
        script.textContent = 'window.__koeInjected = true';
        document.body.append(script);
      }),
  );
  expect(inline).toMatch(/^script-src/);
  expect(await page.evaluate(() => (window as unknown as { __koeInjected?: boolean }).__koeInjected)).toBeUndefined();
});

test('a call without the token is refused with 403', async ({ page, harness }) => {
  const call = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };
  expect(await fetchStatusInPage(page, '/bridge/call/app%3Ainfo', call)).toBe(403);
  expect(await fetchStatusInPage(page, '/bridge/call/app%3Ainfo', { ...call, headers: { ...call.headers, 'x-koe-token': 'wrong' } })).toBe(403);
  // The same request with the token goes through: the refusal was the token's doing.
  expect(await fetchStatusInPage(page, '/bridge/call/app%3Ainfo', { ...call, headers: { ...call.headers, 'x-koe-token': harness.token } })).toBe(200);
});

test('a call from a foreign origin is refused with 403, even with the token', async ({ request, harness }) => {
  const response = await request.post(`${harness.origin}/bridge/call/app%3Ainfo`, {
    headers: { origin: 'http://evil.example', 'x-koe-token': harness.token, 'content-type': 'application/json' },
    data: '{}',
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.code).toBe('forbidden_sender');
});

test('the change socket refuses a wrong token and carries changes with the right one', async ({ page, harness }) => {
  const outcome = (token: string) =>
    page.evaluate(
      (token) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(`ws://${location.host}/bridge/events?token=${encodeURIComponent(token)}`);
          ws.onopen = () => {
            ws.close();
            resolve('open');
          };
          ws.onclose = () => resolve('refused');
        }),
      token,
    );
  expect(await outcome('wrong')).toBe('refused');
  expect(await outcome(harness.token)).toBe('open');

  // A real change from the real services reaches the page over the socket.
  const topics = await page.evaluate(async (token) => {
    const ws = new WebSocket(`ws://${location.host}/bridge/events?token=${encodeURIComponent(token)}`);
    await new Promise((resolve) => (ws.onopen = resolve));
    const message = new Promise<string>((resolve) => (ws.onmessage = (e) => resolve(String(e.data))));
    await fetch('/bridge/call/settings%3AsetLanguage', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-koe-token': token },
      body: JSON.stringify({ language: 'ja' }),
    });
    const text = await message;
    ws.close();
    return (JSON.parse(text) as { topics: string[] }).topics;
  }, harness.token);
  expect(topics).toContain('settings');
});
