import { readdirSync, readFileSync } from "node:fs";
import bcryptjs from "bcryptjs";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("keeps verifying hashes made by the pure-JS bcrypt the seed used", async () => {
    const legacy = await bcryptjs.hash("old-password", 4);
    expect(await verifyPassword("old-password", legacy)).toBe(true);
    expect(await verifyPassword("Old-password", legacy)).toBe(false);
    const legacy2a = legacy.replace(/^\$2b\$/, "$2a$");
    expect(await verifyPassword("old-password", legacy2a)).toBe(true);
  });

  it("makes bcrypt hashes that bcryptjs reads too, and refuses garbage instead of throwing", async () => {
    const hash = await hashPassword("new-password", 4);
    expect(hash).toMatch(/^\$2[aby]\$04\$/);
    expect(await bcryptjs.compare("new-password", hash)).toBe(true);
    expect(await verifyPassword("new-password", "not a hash")).toBe(false);
  });

  it("hashes off the event loop: the loop keeps turning while four cost-12 verifications run", async () => {
    const hash = await bcryptjs.hash("x", 12);
    let turns = 0;
    let running = true;
    const spin = () => {
      turns++;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    await Promise.all([1, 2, 3, 4].map(() => verifyPassword("wrong", hash)));
    running = false;
    // Pure-JS bcrypt yields only between ~100 ms slices (a handful of turns for ~1 s of work);
    // on the libuv pool the loop is free and turns thousands of times meanwhile.
    expect(turns).toBeGreaterThan(1000);
  });

  it.runIf(process.platform === "linux")(
    "verifies on threads at the lowest CPU priority, leaving the rest of the process at its own",
    async () => {
      const niceOfThreads = () =>
        readdirSync("/proc/self/task").map((task) =>
          Number(readFileSync(`/proc/self/task/${task}/stat`, "utf8").split(") ")[1]!.split(" ")[16]),
        );
      const hash = await bcryptjs.hash("x", 12);
      const running = verifyPassword("wrong", hash);
      // The thread lowers itself as it starts; look while the verification (~250 ms at cost 12) is under way.
      const deadline = Date.now() + 5_000;
      while (!niceOfThreads().includes(19) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(niceOfThreads()).toContain(19);
      expect(niceOfThreads()[0]).toBe(0);
      expect(await running).toBe(false);
    },
  );
});
