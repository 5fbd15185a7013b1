import { userInfo } from "node:os";

/** The name recorded as author of CLI writes when --user is not given: the login name, else "cli". */
export function cliUser(): string {
  try {
    return userInfo().username || "cli";
  } catch {
    return "cli";
  }
}
