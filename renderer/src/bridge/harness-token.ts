// The browser harness's session token. It arrives once in the page URL; it is then taken out of
// the address bar (so it is not bookmarked, shared in a screenshot or kept in history) and held
// in this tab's sessionStorage so a reload still works.
const STORAGE_KEY = 'koe.harnessToken';

export function takeHarnessToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      window.sessionStorage.setItem(STORAGE_KEY, fromUrl);
    } catch {
      // Storage can be disabled; the token still works for this page's life.
    }
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
