// What the staff member (and the IT person they call) sees when Koe cannot start. Key and store
// errors carry messages written to be acted on; anything else is summarised, never dumped.
import { KeyError } from '../keys/key-provider.js';
import { StoreError } from '../store/db.js';

/** A start-up problem whose message was written for the person who must fix it. */
export class StartupProblem extends Error {
  override readonly name = 'StartupProblem';
}

export function startupErrorMessage(error: unknown): { title: string; message: string } {
  if (error instanceof KeyError) {
    return { title: 'Koe cannot unlock its data', message: error.message };
  }
  if (error instanceof StartupProblem) {
    return { title: 'Koe is not set up', message: error.message };
  }
  if (error instanceof StoreError) {
    return { title: 'Koe cannot open its data', message: `${error.message}\n\nNothing has been deleted. Contact IT with this message.` };
  }
  return {
    title: 'Koe could not start',
    message: 'Koe could not start. Nothing has been deleted. Try again; if it keeps happening, contact IT.',
  };
}
