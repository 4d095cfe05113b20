// The office's staff. Every account that can sign in uses the demo password; one former
// staff member stays in /v1/staff because old events name them.
import type { Role } from '../../../shared/office-api.js';

export const DEMO_PASSWORD = 'koe-demo';

export interface Account {
  username: string;
  password: string;
  staffId: string;
  role: Role;
  name: string;
}
export interface StaffMember {
  id: string;
  name: string;
  role: Role;
  active: boolean;
}

const a = (username: string, staffId: string, role: Role, name: string): Account => ({
  username,
  password: DEMO_PASSWORD,
  staffId,
  role,
  name,
});

export const ACCOUNTS: readonly Account[] = [
  a('sato', 'st-001', 'staff', '佐藤 花子'),
  a('suzuki', 'st-002', 'staff', '鈴木 一郎'),
  a('takahashi', 'st-003', 'staff', '高橋 美咲'),
  a('tanaka', 'st-004', 'supervisor', '田中 健二'),
  a('watanabe', 'st-005', 'supervisor', '渡辺 誠'),
  a('ito', 'st-006', 'admin', '伊藤 直美'),
];

/** Left the office; cannot sign in, but appears in older triage history. */
export const FORMER_STAFF: StaffMember = { id: 'st-007', name: '山本 由美', role: 'staff', active: false };

export const STAFF: readonly StaffMember[] = [
  ...ACCOUNTS.map((x) => ({ id: x.staffId, name: x.name, role: x.role, active: true })),
  FORMER_STAFF,
];

export function findAccount(username: string): Account | undefined {
  return ACCOUNTS.find((x) => x.username === username);
}
export function findStaff(staffId: string): StaffMember | undefined {
  return STAFF.find((x) => x.id === staffId);
}
