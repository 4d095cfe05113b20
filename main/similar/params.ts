// The tuning of near-duplicate grouping. The figures behind each choice are in README.md and
// are reproduced by `npx tsx main/similar/measure.ts`.
//
// Changing `hashes`, `bands` or `rows` changes what is stored for every row: a database
// grouped with other values must be re-queued in full, so treat them as part of the schema.

export interface SimilarParams {
  /** MinHash functions per signature. */
  hashes: number;
  /** LSH bands; bands × rows must equal hashes. */
  bands: number;
  rows: number;
  /** Estimated Jaccard (of character trigram sets) at which two texts are the same campaign. */
  threshold: number;
  /** Distinct trigrams two texts must share (estimated), however similar they are: very short
   * notes are mostly a polite formula, and "X をお願いします。よろしくお願いいたします。" must not
   * group with "Y をお願いします。よろしくお願いいたします。". */
  minShared: number;
  /** Candidates read per band bucket: a campaign's bucket holds thousands of rows that are
   * all in the same group already, and a few of them are enough to find it. */
  bucketLimit: number;
  /** Of a candidate's 16 in-memory sketch values, how many must agree before it is read and
   * verified (see band-index.ts). */
  sketchMin: number;
  /** Candidates verified per row at most, likeliest first (those sharing the most buckets). */
  maxVerify: number;
  /** Normalized texts shorter than this are never grouped: too little signal. */
  minChars: number;
  /** Only the first this-many normalized characters are hashed, so a pasted 100-page
   * document costs no more than a long letter. */
  maxChars: number;
}

export const DEFAULT_PARAMS: SimilarParams = {
  hashes: 64,
  bands: 8,
  rows: 3,
  threshold: 0.55,
  minShared: 30,
  bucketLimit: 4,
  sketchMin: 5,
  maxVerify: 16,
  minChars: 20,
  maxChars: 4000,
};
