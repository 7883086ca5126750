/**
 * The sizes of the string columns that services cut values down to before writing them
 * (a longer value is refused by Appwrite and by the embedded backend alike). Named here
 * once instead of as bare numbers at each write; column-sizes.test.ts holds every one
 * to the column's `size` in `appwrite.json`. They are constants, not read from
 * `appwrite.json` at run time, because bundled Functions do not carry that file.
 */

/** An IP address as stored (`security_logs.ipAddress`, `video_access_tokens.ipAddress`): room for IPv6. */
export const IP_ADDRESS_LENGTH = 45;

/** A user agent as stored (`security_logs.userAgent`, `video_access_tokens.userAgent`). */
export const USER_AGENT_LENGTH = 512;

/** The words of one audit row (`security_logs.reason`). */
export const SECURITY_REASON_LENGTH = 500;

/** A course's searchable text: title, description and tags (`courses.searchText`). */
export const COURSE_SEARCH_TEXT_LENGTH = 6000;
