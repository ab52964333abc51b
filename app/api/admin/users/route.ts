import { NextResponse, type NextRequest } from "next/server";
import { requireSession } from "@/server/http/request-auth";
import { listUsersForAdmin } from "@/server/admin/user-admin";
import { services } from "@/server/registry";

/** Every user with role, disabled flag and open sockets (admins only). */
export async function GET(request: NextRequest) {
  const session = await requireSession(request, "admin");
  if (!session.ok) return session.response;
  const { users, io } = services();
  return NextResponse.json({ users: await listUsersForAdmin(users, io) });
}
