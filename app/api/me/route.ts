import { NextResponse } from "next/server";
import { route } from "@/server/http/route";
import { GET_ME } from "@/server/http/route-definitions";

export const GET = route(GET_ME, ({ identity }) => NextResponse.json({ id: identity.userId, email: identity.email, role: identity.role }));
