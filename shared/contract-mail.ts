// The mail calls of the IPC contract (spread into contract.ts). See contract-kit.ts for how a call is declared.
export const mailCalls = {};
