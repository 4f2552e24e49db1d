// Loaded before the app (index.html), as a file: the Content-Security-Policy allows no inline script.
// Zod (the domain's schemas) probes `new Function` once, to compile faster parsers. The policy
// (script-src 'self', no 'unsafe-eval') refuses it: zod copes, but the browser reports a violation
// on every page that loads the schemas. Zod reads this setting before its first schema: no probe.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
