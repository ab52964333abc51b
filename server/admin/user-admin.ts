import type { AdminUserView } from "@/lib/admin-answers";
import type { UserRow, UserStore } from "../auth/user-store";
import { disconnectUser } from "../realtime/socket-server";
import type { SignalDeskIo } from "../realtime/socket-types";

// The request body is shared with the browser's API client.
export { UserPatchSchema } from "@/lib/admin-requests";

/** A user as the admin API shows it: no password hash, flags as booleans. */
export function toAdminUserView(user: UserRow, sockets: number | null): AdminUserView {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    disabled: user.disabled === 1,
    created_at: new Date(user.created_at).toISOString(),
    watchlist: JSON.parse(user.watchlist) as string[],
    connected_sockets: sockets,
  };
}

/** Every user with their open socket count (asked of all nodes through the adapter). */
export async function listUsersForAdmin(users: UserStore, io: SignalDeskIo): Promise<AdminUserView[]> {
  const [rows, sockets] = await Promise.all([users.list(), socketCounts(io)]);
  return rows.map((user) => toAdminUserView(user, sockets ? (sockets.get(user.id) ?? 0) : null));
}

async function socketCounts(io: SignalDeskIo): Promise<Map<string, number> | null> {
  try {
    const counts = new Map<string, number>();
    for (const socket of await io.fetchSockets()) counts.set(socket.data.userId, (counts.get(socket.data.userId) ?? 0) + 1);
    return counts;
  } catch {
    return null;
  }
}

export type DisableResult = { ok: true; user: AdminUserView } | { ok: false; status: 400 | 404; error: string };

/**
 * Disables or enables a user. Disabling closes every socket of theirs on every node at once; their
 * sessions and sign-ins are refused from then on because AuthService checks the flag on each use.
 */
export async function setUserDisabled(
  users: UserStore,
  io: SignalDeskIo,
  actorId: string,
  userId: string,
  disabled: boolean,
): Promise<DisableResult> {
  if (disabled && userId === actorId) return { ok: false, status: 400, error: "You cannot disable your own account" };
  if (!(await users.setDisabled(userId, disabled))) return { ok: false, status: 404, error: "User not found" };
  if (disabled) disconnectUser(io, userId);
  const user = await users.findById(userId);
  if (!user) return { ok: false, status: 404, error: "User not found" };
  return { ok: true, user: toAdminUserView(user, disabled ? 0 : null) };
}
