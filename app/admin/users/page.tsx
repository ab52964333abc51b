import Link from "next/link";
import { UserActions } from "@/components/admin/user-actions";
import { adminPageIdentity } from "@/server/admin/admin-page";
import { listUsersForAdmin } from "@/server/admin/user-admin";
import { services } from "@/server/registry";

export const dynamic = "force-dynamic";

/** Users: who is connected, disable or enable access, send a test signal. */
export default async function UsersPage() {
  const admin = await adminPageIdentity();
  const { users, io } = services();
  const list = await listUsersForAdmin(users, io);
  return (
    <>
      <h1>Users</h1>
      <section className="card">
        <div className="table-scroll">
          <table className="admin-table" data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Access</th>
                <th scope="col" className="num">
                  Sockets
                </th>
                <th scope="col">Watchlist</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.map((user) => (
                <tr key={user.id} data-testid="user-row" data-email={user.email}>
                  <td>
                    <Link href={`/admin/deliveries?user=${encodeURIComponent(user.email)}`}>{user.email}</Link>
                    {user.id === admin.userId && <span className="muted"> (you)</span>}
                  </td>
                  <td>{user.role}</td>
                  <td>
                    <span className={`badge ${user.disabled ? "access-disabled" : "access-enabled"}`} data-testid="user-access">
                      {user.disabled ? "disabled" : "enabled"}
                    </span>
                  </td>
                  <td className="num">{user.connected_sockets ?? "?"}</td>
                  <td className="muted">{user.watchlist.length === 0 ? "(all)" : user.watchlist.join(", ")}</td>
                  <td>
                    <UserActions userId={user.id} email={user.email} disabled={user.disabled} isSelf={user.id === admin.userId} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
