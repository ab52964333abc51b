import { sql, type Kysely } from "kysely";
import type { SqlDialectName } from "../schema";

/** Whether a table of the current schema has a column: migrations 0003 and 0006 both bring `delivery_log.channel`. */
export async function hasColumn(db: Kysely<unknown>, dialect: SqlDialectName, table: string, column: string): Promise<boolean> {
  const found =
    dialect === "postgres"
      ? await sql`select column_name from information_schema.columns
          where table_schema = current_schema() and table_name = ${table} and column_name = ${column}`.execute(db)
      : await sql`select name from pragma_table_info(${table}) where name = ${column}`.execute(db);
  return found.rows.length > 0;
}
