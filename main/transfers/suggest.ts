// Suggesting the likely ministry from an opinion's theme. The mapping is the office's own
// (seeded with defaults, edited by an admin, kept in the local store); a suggestion only puts a
// ministry first in the list — staff always choose.
import type { MinistrySuggestion, ThemeMinistry } from '../../shared/contract-transfers.js';
import type { Db } from '../store/db.js';
import { stmt } from '../store/statements.js';

export function themeMap(db: Db): ThemeMinistry[] {
  return stmt<[], ThemeMinistry>(db, 'SELECT theme, ministry FROM transfer_theme_map ORDER BY theme').all();
}

/** Sets (or, with null, removes) the ministry a theme suggests. */
export function setThemeMinistry(db: Db, theme: string, ministry: string | null): void {
  if (ministry === null) stmt(db, 'DELETE FROM transfer_theme_map WHERE theme = ?').run(theme);
  else stmt(db, `INSERT INTO transfer_theme_map(theme, ministry) VALUES (?, ?) ON CONFLICT(theme) DO UPDATE SET ministry = excluded.ministry`).run(theme, ministry);
}

/** Pure: theme counts → ministry suggestions, most opinions first, then by code. */
export function rankSuggestions(themeCounts: readonly { theme: string | null; count: number }[], map: readonly ThemeMinistry[], usable: (code: string) => boolean): MinistrySuggestion[] {
  const byTheme = new Map(map.map((m) => [m.theme, m.ministry]));
  const counts = new Map<string, number>();
  for (const { theme, count } of themeCounts) {
    const ministry = theme === null ? undefined : byTheme.get(theme);
    if (ministry && usable(ministry)) counts.set(ministry, (counts.get(ministry) ?? 0) + count);
  }
  return [...counts].map(([ministry, count]) => ({ ministry, count })).sort((a, b) => b.count - a.count || a.ministry.localeCompare(b.ministry));
}

/** How many of these submissions have each theme (one JSON parameter, however many ids). */
export function themeCounts(db: Db, ids: readonly string[]): { theme: string | null; count: number }[] {
  return stmt<[string], { theme: string | null; count: number }>(
    db,
    'SELECT s.theme AS theme, count(*) AS count FROM json_each(?) j JOIN submissions s ON s.id = j.value GROUP BY s.theme',
  ).all(JSON.stringify(ids));
}
