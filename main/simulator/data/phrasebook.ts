// The shape of the sentence material that seeded opinions are assembled from.
// Slots in braces are filled per opinion: {pref} {city} {age} {job} {family} {amount}
// {minutes} {weeks} {topic}.

export interface ThemePhrases {
  /** Short noun phrases naming the subject, used in subjects and category sentences. */
  topics: readonly string[];
  sentences: readonly string[];
}

export interface Phrasebook {
  openers: readonly string[];
  intros: readonly string[];
  themes: Readonly<Record<string, ThemePhrases>>;
  byCategory: Readonly<Record<string, readonly string[]>>;
  general: readonly string[];
  closers: readonly string[];
  subjects: Readonly<Record<string, readonly string[]>>;
  /** Joins sentences within a paragraph (Japanese needs no space). */
  sentenceGap: string;
}
