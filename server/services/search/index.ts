/** What the rest of the server may call in search/. */
export { search } from "./search-service.ts";
