import pino from "pino";
import { env } from "./env.ts";

/** One structured line per request. Never pass bodies, passwords or tokens here. */
export const logger = pino({
  level: env().NODE_ENV === "test" ? "silent" : env().LOG_LEVEL,
  base: undefined,
  redact: ["password", "token", "*.password", "*.token"],
});
