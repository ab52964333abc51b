import { NextResponse } from "next/server";
import { route } from "@/server/http/route";
import { GET_ME } from "@/server/routes/trader-routes";

export const GET = route(GET_ME, ({ identity }) => NextResponse.json({ id: identity.userId, email: identity.email, role: identity.role }));
