// Imported only on the first artifact upload or download (artifacts.ts, trusted-download.ts):
// `@actions/artifact` brings Azure's blob client and undici, 3.6 MB a run that moves no artifact never
// needs to parse. It comes through this ES module, so the chunk keeps the package's named exports.
export { DefaultArtifactClient, GHESNotSupportedError } from '@actions/artifact';
