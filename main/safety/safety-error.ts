// A data-safety step that was refused or failed, with a message written for the person who ran
// it (a staff member, IT). Nothing was changed when one of these is thrown.
export class SafetyError extends Error {
  override name = 'SafetyError';
}
