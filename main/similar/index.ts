// Near-duplicate grouping: campaign copies of the same text end up sharing submissions.group_id,
// so the inbox can show "n similar" and staff can act on a whole campaign at once.
export { signature, estimatedJaccard } from './minhash.js';
export { groupBatch } from './grouping.js';
export { discardBandIndex as releaseGroupingMemory } from './band-index.js';
export { queueForGrouping, groupPendingCount, forgetSimilar } from './queue.js';
export { DEFAULT_PARAMS } from './params.js';
