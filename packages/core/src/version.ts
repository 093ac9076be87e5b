/** The version sent as `User-Agent: release-actions/<version>`; bumped with each release tag. */
export const VERSION = '1.0.0';

export const USER_AGENT = `release-actions/${VERSION}`;
