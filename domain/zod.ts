// The one place zod is imported from, so the whole project shares a single zod instance and version.
// Use it as a namespace (`import * as z from '…/zod'`, zod 4's recommended form): esbuild can then drop what
// a bundle does not use, where re-exporting zod's `z` object would pull all of zod, locales included, into
// every Lambda bundle.
export * from 'zod';
