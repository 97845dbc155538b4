// node-fetch 2 ships no types; vouch only hands its default export to gaxios
// as `fetchImplementation` (src/collectors/gcp/rest.ts).
declare module 'node-fetch' {
  const fetch: (input: string, init?: unknown) => Promise<unknown>;
  export default fetch;
}
