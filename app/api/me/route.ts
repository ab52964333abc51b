import { NextResponse, type NextRequest } from "next/server";
import { requireSession } from "@/server/http/request-auth";

export async function GET(request: NextRequest) {
  const session = await requireSession(request);
  if (!session.ok) return session.response;
  const { userId, email, role } = session.identity;
  return NextResponse.json({ id: userId, email, role });
}
