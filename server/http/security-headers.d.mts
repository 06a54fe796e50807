/** Types for security-headers.mjs (plain JavaScript so that next.config.js and Node entry points can load it). */
export type Header = { key: string; value: string };

export declare const PERMISSIONS_POLICY: string;
export declare const COMMON_HEADERS: readonly Header[];
export declare const API_CONTENT_SECURITY_POLICY: string;
export declare const API_HEADERS: readonly Header[];
export declare const STRICT_TRANSPORT_SECURITY: string;

export declare function newNonce(): string;
export declare function pageContentSecurityPolicy(nonce: string, options?: { dev?: boolean; https?: boolean }): string;
export declare function pageHeaders(options: { nonce: string; dev?: boolean; https?: boolean }): Record<string, string>;
export declare function nextConfigHeaders(): { source: string; headers: Header[] }[];
