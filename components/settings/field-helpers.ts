import type { ReactNode } from "react";
import type { Field } from "./preferences-draft";

/** How the form wires one field: its id, name and ARIA links, and its error message if any. */
export interface FieldHelpers {
  fieldProps: (field: Field) => {
    name: Field;
    id: string;
    "aria-invalid": true | undefined;
    "aria-describedby": string;
  };
  fieldError: (field: Field) => ReactNode;
}
