import type { RouteDefinition } from "../http/route";
import * as admin from "./admin-routes";
import * as auth from "./auth-routes";
import * as ingest from "./ingest-routes";
import * as operations from "./operations-routes";
import * as trader from "./trader-routes";

/** Every HTTP operation, for the API document: each definition a routes file exports, with no list kept by hand. */
export const API_ROUTES: readonly RouteDefinition[] = [ingest, trader, admin, auth, operations].flatMap(
  (definitions) => Object.values(definitions) as RouteDefinition[],
);
