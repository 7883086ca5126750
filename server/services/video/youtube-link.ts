/**
 * Turns whatever an instructor pastes into a YouTube video ID, or says plainly what is
 * wrong with it. Only the ID is kept (encrypted, see video-crypto.ts): the link itself
 * is never stored, so a refused or odd link costs nothing later.
 */

export type YouTubeLinkResult = { ok: true; videoId: string } | { ok: false; reason: string };

/** YouTube video IDs: 11 characters of the base64url alphabet. */
export const VIDEO_ID_PATTERN = /^[A-Za-z0-9_-]{11}$/;

const WATCH_HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com', 'music.youtube.com']);
const SHORT_HOSTS = new Set(['youtu.be', 'www.youtu.be']);
const NOCOOKIE_HOSTS = new Set(['youtube-nocookie.com', 'www.youtube-nocookie.com']);
/** Paths whose next segment is the video ID, e.g. `/embed/<id>`. */
const ID_PATH_PREFIXES = new Set(['embed', 'shorts', 'live', 'v', 'e']);
const CHANNEL_PATH_PREFIXES = new Set(['channel', 'c', 'user']);

const REASONS = {
  empty: 'Paste the link of a YouTube video.',
  bareId: 'This looks like a video ID on its own; paste the whole link of the video from YouTube.',
  notUrl:
    'This is not a link. Copy the address of the video from YouTube (or its Share button) and paste it here.',
  scheme: 'Only web links (starting with https://) to YouTube videos can be used.',
  credentials: 'This link carries a user name or password; paste the plain link of the video from YouTube.',
  otherHost: 'This is not a YouTube link. Only videos on youtube.com (or youtu.be links) can be used.',
  playlist: 'This is a playlist link; paste the link of one video from it.',
  channel: 'This is a link to a channel, not to a video; open one of its videos and paste that link.',
  noVideo:
    'This YouTube link does not point to one video. Open the video on YouTube and copy the link from the address bar or its Share button.',
  malformedId:
    'The video ID in this link is malformed (it should be 11 letters, digits, "-" or "_"). Copy the link again from YouTube.',
} as const;

const refuse = (reason: string): YouTubeLinkResult => ({ ok: false, reason });

function videoResult(candidate: string | null | undefined): YouTubeLinkResult {
  if (!candidate) return refuse(REASONS.noVideo);
  return VIDEO_ID_PATTERN.test(candidate) ? { ok: true, videoId: candidate } : refuse(REASONS.malformedId);
}

/**
 * Links without a scheme (`youtube.com/watch?v=…`) are read as https. A leading
 * `word:` that is not a port number is a scheme (`javascript:`, `mailto:`), kept as
 * such so it is refused rather than mistaken for a host.
 */
function toUrl(text: string): URL | null {
  let candidate = text;
  if (candidate.startsWith('//')) candidate = `https:${candidate}`;
  else if (!/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(candidate)) candidate = `https://${candidate}`;
  try {
    return new URL(candidate);
  } catch {
    return null;
  }
}

function fromYouTubePath(url: URL, segments: readonly string[]): YouTubeLinkResult {
  const [first, second] = segments;
  if (first === 'watch' && segments.length === 1) {
    const id = url.searchParams.get('v');
    if (id === null && url.searchParams.has('list')) return refuse(REASONS.playlist);
    return videoResult(id);
  }
  if (first === 'playlist' || (first === 'embed' && second === 'videoseries'))
    return refuse(REASONS.playlist);
  if (first && (CHANNEL_PATH_PREFIXES.has(first) || first.startsWith('@'))) return refuse(REASONS.channel);
  if (first && ID_PATH_PREFIXES.has(first) && segments.length === 2) return videoResult(second);
  return refuse(REASONS.noVideo);
}

export function parseYouTubeLink(input: string): YouTubeLinkResult {
  const text = input.trim();
  if (text === '') return refuse(REASONS.empty);
  if (VIDEO_ID_PATTERN.test(text)) return refuse(REASONS.bareId);
  if (/\s/.test(text)) return refuse(REASONS.notUrl);

  const url = toUrl(text);
  if (!url) return refuse(REASONS.notUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return refuse(REASONS.scheme);
  if (url.username !== '' || url.password !== '') return refuse(REASONS.credentials);
  // A hostname without a dot ("hello") is a word that parsed as a URL, not a link.
  if (!url.hostname.includes('.')) return refuse(REASONS.notUrl);
  if (url.port !== '') return refuse(REASONS.otherHost);

  // Empty segments come from trailing or doubled slashes.
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const host = url.hostname;
  if (SHORT_HOSTS.has(host))
    return segments.length === 1 ? videoResult(segments[0]) : refuse(REASONS.noVideo);
  if (NOCOOKIE_HOSTS.has(host)) {
    return segments[0] === 'embed' ? fromYouTubePath(url, segments) : refuse(REASONS.noVideo);
  }
  if (WATCH_HOSTS.has(host)) return fromYouTubePath(url, segments);
  return refuse(REASONS.otherHost);
}
