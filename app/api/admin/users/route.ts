import { NextResponse } from "next/server";
import { route } from "@/server/http/route";
import { listUsersForAdmin } from "@/server/admin/user-admin";
import { LIST_USERS } from "@/server/routes/admin-routes";
import { services } from "@/server/registry";

/** Every user with role, disabled flag and open sockets (admins only). */
export const GET = route(LIST_USERS, async () => {
  const { users, io } = services();
  return NextResponse.json({ users: await listUsersForAdmin(users, io) });
});
