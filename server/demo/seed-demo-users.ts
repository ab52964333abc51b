import { hashPassword } from "../auth/password";
import type { UserStore } from "../auth/user-store";
import { DEMO_USERS } from "./demo-users";

/** Creates the demo users on an empty database; an existing database is left as it is. */
export async function seedDemoUsers(users: UserStore): Promise<number> {
  if ((await users.count()) > 0) return 0;
  for (const demo of DEMO_USERS) {
    await users.create({
      email: demo.email,
      passwordHash: await hashPassword(demo.password),
      role: demo.role,
      preferences: demo.preferences,
    });
  }
  return DEMO_USERS.length;
}
