// Types of bin/build.mjs (plain JavaScript, so `npm ci` can run it before anything is compiled).
export declare const CLIS: readonly string[];
export declare const CLI_DIR: string;
export declare function cliPath(name: string): string;
export declare function buildClis(): Promise<void>;
